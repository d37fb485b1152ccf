-- Tenant walls in the schema (docs/security.md): a row that points at an agent, team, channel,
-- contact, conversation, bot, message or scheduling row points at it through (tenant_id, id), so
-- the database itself refuses a row that joins two tenants, whatever code wrote it. Runs unchanged
-- on PostgreSQL 15+ and PGlite. Rows an earlier bug may have crossed are repaired first (a
-- nullable pointer is cleared, a membership or per-conversation row removed), so the upgrade never
-- fails on them.

-- 1. The parents: (tenant_id, id) is a key every child can point at.
ALTER TABLE agents ADD CONSTRAINT agents_tenant_id_key UNIQUE (tenant_id, id);
ALTER TABLE teams ADD CONSTRAINT teams_tenant_id_key UNIQUE (tenant_id, id);
ALTER TABLE channels ADD CONSTRAINT channels_tenant_id_key UNIQUE (tenant_id, id);
ALTER TABLE contacts ADD CONSTRAINT contacts_tenant_id_key UNIQUE (tenant_id, id);
ALTER TABLE conversations ADD CONSTRAINT conversations_tenant_id_key UNIQUE (tenant_id, id);
ALTER TABLE bots ADD CONSTRAINT bots_tenant_id_key UNIQUE (tenant_id, id);
ALTER TABLE messages ADD CONSTRAINT messages_tenant_id_key UNIQUE (tenant_id, id);
ALTER TABLE sched_services ADD CONSTRAINT sched_services_tenant_id_key UNIQUE (tenant_id, id);
ALTER TABLE sched_staff ADD CONSTRAINT sched_staff_tenant_id_key UNIQUE (tenant_id, id);

-- 2. Link tables had no tenant: they get one, taken from the row they belong to. The trigger
-- fills it when a writer leaves it out, so existing writers keep working, and the composite keys
-- below then require the row's other parent to be of that same tenant.
CREATE FUNCTION fill_tenant_id() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.tenant_id IS NULL THEN EXECUTE format('SELECT tenant_id FROM %I WHERE id = $1', TG_ARGV[0]) INTO NEW.tenant_id USING (to_jsonb(NEW) ->> TG_ARGV[1])::uuid; END IF; RETURN NEW; END $$;

ALTER TABLE team_members ADD COLUMN tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE;
UPDATE team_members m SET tenant_id = t.tenant_id FROM teams t WHERE t.id = m.team_id;
ALTER TABLE team_members ALTER COLUMN tenant_id SET NOT NULL;
CREATE TRIGGER team_members_tenant BEFORE INSERT ON team_members
  FOR EACH ROW EXECUTE FUNCTION fill_tenant_id('teams', 'team_id');

ALTER TABLE channel_members ADD COLUMN tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE;
UPDATE channel_members m SET tenant_id = c.tenant_id FROM channels c WHERE c.id = m.channel_id;
ALTER TABLE channel_members ALTER COLUMN tenant_id SET NOT NULL;
CREATE TRIGGER channel_members_tenant BEFORE INSERT ON channel_members
  FOR EACH ROW EXECUTE FUNCTION fill_tenant_id('channels', 'channel_id');

ALTER TABLE conversation_reads ADD COLUMN tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE;
UPDATE conversation_reads r SET tenant_id = c.tenant_id FROM conversations c WHERE c.id = r.conversation_id;
ALTER TABLE conversation_reads ALTER COLUMN tenant_id SET NOT NULL;
CREATE TRIGGER conversation_reads_tenant BEFORE INSERT ON conversation_reads
  FOR EACH ROW EXECUTE FUNCTION fill_tenant_id('conversations', 'conversation_id');

ALTER TABLE template_syncs ADD COLUMN tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE;
UPDATE template_syncs s SET tenant_id = c.tenant_id FROM channels c WHERE c.id = s.channel_id;
ALTER TABLE template_syncs ALTER COLUMN tenant_id SET NOT NULL;
CREATE TRIGGER template_syncs_tenant BEFORE INSERT ON template_syncs
  FOR EACH ROW EXECUTE FUNCTION fill_tenant_id('channels', 'channel_id');

ALTER TABLE channel_bots ADD COLUMN tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE;
UPDATE channel_bots b SET tenant_id = c.tenant_id FROM channels c WHERE c.id = b.channel_id;
ALTER TABLE channel_bots ALTER COLUMN tenant_id SET NOT NULL;
CREATE TRIGGER channel_bots_tenant BEFORE INSERT ON channel_bots
  FOR EACH ROW EXECUTE FUNCTION fill_tenant_id('channels', 'channel_id');

-- 3. Repairs: rows that already join two tenants.
UPDATE conversations c SET assignee_id = NULL WHERE assignee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = c.assignee_id AND a.tenant_id = c.tenant_id);
UPDATE conversations c SET team_id = NULL WHERE team_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM teams t WHERE t.id = c.team_id AND t.tenant_id = c.tenant_id);
UPDATE bots b SET handoff_team_id = NULL WHERE handoff_team_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM teams t WHERE t.id = b.handoff_team_id AND t.tenant_id = b.tenant_id);
UPDATE messages m SET author_id = NULL WHERE author_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = m.author_id AND a.tenant_id = m.tenant_id);
UPDATE canned_responses r SET created_by = NULL WHERE created_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = r.created_by AND a.tenant_id = r.tenant_id);
UPDATE media m SET uploaded_by = NULL WHERE uploaded_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = m.uploaded_by AND a.tenant_id = m.tenant_id);
UPDATE media m SET conversation_id = NULL WHERE conversation_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = m.conversation_id AND c.tenant_id = m.tenant_id);
UPDATE media m SET message_id = NULL WHERE message_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages x WHERE x.id = m.message_id AND x.tenant_id = m.tenant_id);
UPDATE appointments a SET conversation_id = NULL WHERE conversation_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = a.conversation_id AND c.tenant_id = a.tenant_id);
UPDATE channel_events e SET channel_id = NULL WHERE channel_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM channels c WHERE c.id = e.channel_id AND c.tenant_id = e.tenant_id);
UPDATE conversation_assignments d SET agent_id = NULL WHERE agent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = d.agent_id AND a.tenant_id = d.tenant_id);
DELETE FROM team_members m WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = m.agent_id AND a.tenant_id = m.tenant_id);
DELETE FROM channel_members m WHERE m.agent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = m.agent_id AND a.tenant_id = m.tenant_id);
DELETE FROM channel_members m WHERE m.team_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM teams t WHERE t.id = m.team_id AND t.tenant_id = m.tenant_id);
DELETE FROM conversation_reads r WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = r.agent_id AND a.tenant_id = r.tenant_id);
DELETE FROM channel_bots b WHERE NOT EXISTS (SELECT 1 FROM bots x WHERE x.id = b.bot_id AND x.tenant_id = b.tenant_id);
DELETE FROM bot_sessions s WHERE NOT EXISTS (SELECT 1 FROM bots x WHERE x.id = s.bot_id AND x.tenant_id = s.tenant_id) OR NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = s.conversation_id AND c.tenant_id = s.tenant_id);
DELETE FROM assignment_load l WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = l.agent_id AND a.tenant_id = l.tenant_id) OR NOT EXISTS (SELECT 1 FROM channels c WHERE c.id = l.channel_id AND c.tenant_id = l.tenant_id);
DELETE FROM assignment_waiting w WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = w.conversation_id AND c.tenant_id = w.tenant_id) OR NOT EXISTS (SELECT 1 FROM channels c WHERE c.id = w.channel_id AND c.tenant_id = w.tenant_id);

-- 4. The composite keys. Each replaces the single-column key of the same column, with the same
-- ON DELETE; SET NULL names its column, so the row keeps its tenant.
ALTER TABLE team_members DROP CONSTRAINT IF EXISTS team_members_team_id_fkey;
ALTER TABLE team_members ADD CONSTRAINT team_members_team_tenant_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE team_members DROP CONSTRAINT IF EXISTS team_members_agent_id_fkey;
ALTER TABLE team_members ADD CONSTRAINT team_members_agent_tenant_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE channel_members DROP CONSTRAINT IF EXISTS channel_members_channel_id_fkey;
ALTER TABLE channel_members ADD CONSTRAINT channel_members_channel_tenant_fkey FOREIGN KEY (tenant_id, channel_id) REFERENCES channels (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE channel_members DROP CONSTRAINT IF EXISTS channel_members_agent_id_fkey;
ALTER TABLE channel_members ADD CONSTRAINT channel_members_agent_tenant_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE channel_members DROP CONSTRAINT IF EXISTS channel_members_team_id_fkey;
ALTER TABLE channel_members ADD CONSTRAINT channel_members_team_tenant_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE conversations DROP CONSTRAINT IF EXISTS conversations_channel_id_fkey;
ALTER TABLE conversations ADD CONSTRAINT conversations_channel_tenant_fkey FOREIGN KEY (tenant_id, channel_id) REFERENCES channels (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE conversations DROP CONSTRAINT IF EXISTS conversations_contact_id_fkey;
ALTER TABLE conversations ADD CONSTRAINT conversations_contact_tenant_fkey FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE conversations DROP CONSTRAINT IF EXISTS conversations_assignee_id_fkey;
ALTER TABLE conversations ADD CONSTRAINT conversations_assignee_tenant_fkey FOREIGN KEY (tenant_id, assignee_id) REFERENCES agents (tenant_id, id) ON DELETE SET NULL (assignee_id);
ALTER TABLE conversations DROP CONSTRAINT IF EXISTS conversations_team_id_fkey;
ALTER TABLE conversations ADD CONSTRAINT conversations_team_tenant_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE SET NULL (team_id);

ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_conversation_id_fkey;
ALTER TABLE messages ADD CONSTRAINT messages_conversation_tenant_fkey FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_author_id_fkey;
ALTER TABLE messages ADD CONSTRAINT messages_author_tenant_fkey FOREIGN KEY (tenant_id, author_id) REFERENCES agents (tenant_id, id) ON DELETE SET NULL (author_id);

ALTER TABLE notes DROP CONSTRAINT IF EXISTS notes_conversation_id_fkey;
ALTER TABLE notes ADD CONSTRAINT notes_conversation_tenant_fkey FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE notes DROP CONSTRAINT IF EXISTS notes_author_id_fkey;
ALTER TABLE notes ADD CONSTRAINT notes_author_tenant_fkey FOREIGN KEY (tenant_id, author_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE conversation_reads DROP CONSTRAINT IF EXISTS conversation_reads_conversation_id_fkey;
ALTER TABLE conversation_reads ADD CONSTRAINT conversation_reads_conversation_tenant_fkey FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE conversation_reads DROP CONSTRAINT IF EXISTS conversation_reads_agent_id_fkey;
ALTER TABLE conversation_reads ADD CONSTRAINT conversation_reads_agent_tenant_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE channel_events DROP CONSTRAINT IF EXISTS channel_events_channel_id_fkey;
ALTER TABLE channel_events ADD CONSTRAINT channel_events_channel_tenant_fkey FOREIGN KEY (tenant_id, channel_id) REFERENCES channels (tenant_id, id) ON DELETE SET NULL (channel_id);

ALTER TABLE sessions DROP CONSTRAINT IF EXISTS sessions_agent_id_fkey;
ALTER TABLE sessions ADD CONSTRAINT sessions_agent_tenant_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE api_tokens DROP CONSTRAINT IF EXISTS api_tokens_agent_id_fkey;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_agent_tenant_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE canned_responses DROP CONSTRAINT IF EXISTS canned_responses_created_by_fkey;
ALTER TABLE canned_responses ADD CONSTRAINT canned_responses_created_by_tenant_fkey FOREIGN KEY (tenant_id, created_by) REFERENCES agents (tenant_id, id) ON DELETE SET NULL (created_by);

ALTER TABLE outbound_sends DROP CONSTRAINT IF EXISTS outbound_sends_message_id_fkey;
ALTER TABLE outbound_sends ADD CONSTRAINT outbound_sends_message_tenant_fkey FOREIGN KEY (tenant_id, message_id) REFERENCES messages (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE outbound_sends DROP CONSTRAINT IF EXISTS outbound_sends_conversation_id_fkey;
ALTER TABLE outbound_sends ADD CONSTRAINT outbound_sends_conversation_tenant_fkey FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE media DROP CONSTRAINT IF EXISTS media_message_id_fkey;
ALTER TABLE media ADD CONSTRAINT media_message_tenant_fkey FOREIGN KEY (tenant_id, message_id) REFERENCES messages (tenant_id, id) ON DELETE SET NULL (message_id);
ALTER TABLE media DROP CONSTRAINT IF EXISTS media_conversation_id_fkey;
ALTER TABLE media ADD CONSTRAINT media_conversation_tenant_fkey FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE SET NULL (conversation_id);
ALTER TABLE media DROP CONSTRAINT IF EXISTS media_uploaded_by_fkey;
ALTER TABLE media ADD CONSTRAINT media_uploaded_by_tenant_fkey FOREIGN KEY (tenant_id, uploaded_by) REFERENCES agents (tenant_id, id) ON DELETE SET NULL (uploaded_by);

ALTER TABLE message_templates DROP CONSTRAINT IF EXISTS message_templates_channel_id_fkey;
ALTER TABLE message_templates ADD CONSTRAINT message_templates_channel_tenant_fkey FOREIGN KEY (tenant_id, channel_id) REFERENCES channels (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE template_syncs DROP CONSTRAINT IF EXISTS template_syncs_channel_id_fkey;
ALTER TABLE template_syncs ADD CONSTRAINT template_syncs_channel_tenant_fkey FOREIGN KEY (tenant_id, channel_id) REFERENCES channels (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE assignment_channels DROP CONSTRAINT IF EXISTS assignment_channels_channel_id_fkey;
ALTER TABLE assignment_channels ADD CONSTRAINT assignment_channels_channel_tenant_fkey FOREIGN KEY (tenant_id, channel_id) REFERENCES channels (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE assignment_teams DROP CONSTRAINT IF EXISTS assignment_teams_team_id_fkey;
ALTER TABLE assignment_teams ADD CONSTRAINT assignment_teams_team_tenant_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE assignment_agents DROP CONSTRAINT IF EXISTS assignment_agents_agent_id_fkey;
ALTER TABLE assignment_agents ADD CONSTRAINT assignment_agents_agent_tenant_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE;
-- The load counter and the waiting list had no key: the trigger and the assigner kept them
-- consistent. Now the database does too.
ALTER TABLE assignment_load ADD CONSTRAINT assignment_load_agent_tenant_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE assignment_load ADD CONSTRAINT assignment_load_channel_tenant_fkey FOREIGN KEY (tenant_id, channel_id) REFERENCES channels (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE assignment_waiting DROP CONSTRAINT IF EXISTS assignment_waiting_conversation_id_fkey;
ALTER TABLE assignment_waiting ADD CONSTRAINT assignment_waiting_conversation_tenant_fkey FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE assignment_waiting ADD CONSTRAINT assignment_waiting_channel_tenant_fkey FOREIGN KEY (tenant_id, channel_id) REFERENCES channels (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE conversation_assignments DROP CONSTRAINT IF EXISTS conversation_assignments_conversation_id_fkey;
ALTER TABLE conversation_assignments ADD CONSTRAINT conversation_assignments_conversation_tenant_fkey FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE conversation_assignments ADD CONSTRAINT conversation_assignments_agent_tenant_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE SET NULL (agent_id);

ALTER TABLE bots DROP CONSTRAINT IF EXISTS bots_agent_id_fkey;
ALTER TABLE bots ADD CONSTRAINT bots_agent_tenant_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE bots DROP CONSTRAINT IF EXISTS bots_handoff_team_id_fkey;
ALTER TABLE bots ADD CONSTRAINT bots_handoff_team_tenant_fkey FOREIGN KEY (tenant_id, handoff_team_id) REFERENCES teams (tenant_id, id) ON DELETE SET NULL (handoff_team_id);
ALTER TABLE channel_bots DROP CONSTRAINT IF EXISTS channel_bots_channel_id_fkey;
ALTER TABLE channel_bots ADD CONSTRAINT channel_bots_channel_tenant_fkey FOREIGN KEY (tenant_id, channel_id) REFERENCES channels (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE channel_bots DROP CONSTRAINT IF EXISTS channel_bots_bot_id_fkey;
ALTER TABLE channel_bots ADD CONSTRAINT channel_bots_bot_tenant_fkey FOREIGN KEY (tenant_id, bot_id) REFERENCES bots (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE bot_sessions DROP CONSTRAINT IF EXISTS bot_sessions_conversation_id_fkey;
ALTER TABLE bot_sessions ADD CONSTRAINT bot_sessions_conversation_tenant_fkey FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE bot_sessions DROP CONSTRAINT IF EXISTS bot_sessions_bot_id_fkey;
ALTER TABLE bot_sessions ADD CONSTRAINT bot_sessions_bot_tenant_fkey FOREIGN KEY (tenant_id, bot_id) REFERENCES bots (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE appointments DROP CONSTRAINT IF EXISTS appointments_contact_id_fkey;
ALTER TABLE appointments ADD CONSTRAINT appointments_contact_tenant_fkey FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE appointments DROP CONSTRAINT IF EXISTS appointments_conversation_id_fkey;
ALTER TABLE appointments ADD CONSTRAINT appointments_conversation_tenant_fkey FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE SET NULL (conversation_id);
ALTER TABLE appointments DROP CONSTRAINT IF EXISTS appointments_service_id_fkey;
ALTER TABLE appointments ADD CONSTRAINT appointments_service_tenant_fkey FOREIGN KEY (tenant_id, service_id) REFERENCES sched_services (tenant_id, id);
ALTER TABLE appointments DROP CONSTRAINT IF EXISTS appointments_staff_id_fkey;
ALTER TABLE appointments ADD CONSTRAINT appointments_staff_tenant_fkey FOREIGN KEY (tenant_id, staff_id) REFERENCES sched_staff (tenant_id, id);

ALTER TABLE read_receipts DROP CONSTRAINT IF EXISTS read_receipts_conversation_id_fkey;
ALTER TABLE read_receipts ADD CONSTRAINT read_receipts_conversation_tenant_fkey FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE media_requeues DROP CONSTRAINT IF EXISTS media_requeues_message_id_fkey;
ALTER TABLE media_requeues ADD CONSTRAINT media_requeues_message_tenant_fkey FOREIGN KEY (tenant_id, message_id) REFERENCES messages (tenant_id, id) ON DELETE CASCADE;
