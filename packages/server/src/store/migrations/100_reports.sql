-- Reports (docs/reports.md). Durations are recorded when they happen, in the transaction that makes
-- them happen, by triggers: every path that opens, answers or resolves a conversation (ingest, the
-- API, bots, the snooze waker, automations to come) is counted the same way without each one
-- remembering to, and a report reads a narrow table instead of replaying messages.

-- The tenant's own clock for reports and service levels (IANA name, checked by the API).
ALTER TABLE tenants ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';

-- One row per conversation: when its current cycle opened (creation or the last reopen) and
-- whether a person has answered in it yet.
CREATE TABLE conversation_cycles (
  conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  opened_at timestamptz NOT NULL,
  first_response_at timestamptz
);

-- kind: opened (created or reopened), first_response (a person's first reply in a cycle; seconds
-- since it opened), resolved (seconds since it opened). agent_id/team_id: who held it then.
CREATE TABLE report_events (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL,
  -- Who held it is history: a deleted agent, team or channel leaves its events (named "Deleted").
  channel_id uuid NOT NULL,
  agent_id uuid,
  team_id uuid,
  kind text NOT NULL CHECK (kind IN ('opened', 'first_response', 'resolved')),
  seconds double precision,
  at timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX report_events_tenant_at_idx ON report_events (tenant_id, at);
CREATE INDEX report_events_conversation_idx ON report_events (conversation_id);

-- Messages in and out by day: a tenant's messages in time order without walking every thread.
CREATE INDEX messages_tenant_created_idx ON messages (tenant_id, created_at);

-- The body stays on one line: the migration runner splits statements at semicolons that end a line.
CREATE FUNCTION report_conversation_track() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE t timestamptz; opened timestamptz; BEGIN IF TG_OP = 'INSERT' THEN INSERT INTO conversation_cycles (conversation_id, opened_at) VALUES (NEW.id, NEW.created_at) ON CONFLICT (conversation_id) DO NOTHING; INSERT INTO report_events (tenant_id, conversation_id, channel_id, agent_id, team_id, kind, at) VALUES (NEW.tenant_id, NEW.id, NEW.channel_id, NEW.assignee_id, NEW.team_id, 'opened', NEW.created_at); RETURN NULL; END IF; t := CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_at ELSE now() END; IF NEW.status = 'resolved' THEN SELECT opened_at INTO opened FROM conversation_cycles WHERE conversation_id = NEW.id; INSERT INTO report_events (tenant_id, conversation_id, channel_id, agent_id, team_id, kind, seconds, at) VALUES (NEW.tenant_id, NEW.id, NEW.channel_id, NEW.assignee_id, NEW.team_id, 'resolved', GREATEST(0, EXTRACT(EPOCH FROM (t - COALESCE(opened, NEW.created_at)))), t); ELSIF OLD.status = 'resolved' THEN INSERT INTO conversation_cycles AS c (conversation_id, opened_at) VALUES (NEW.id, t) ON CONFLICT (conversation_id) DO UPDATE SET opened_at = t, first_response_at = NULL; INSERT INTO report_events (tenant_id, conversation_id, channel_id, agent_id, team_id, kind, at) VALUES (NEW.tenant_id, NEW.id, NEW.channel_id, NEW.assignee_id, NEW.team_id, 'opened', t); END IF; RETURN NULL; END $$;

CREATE TRIGGER conversations_report_insert AFTER INSERT ON conversations
  FOR EACH ROW EXECUTE FUNCTION report_conversation_track();

-- Only a change into or out of 'resolved' is a report event; snoozing and pending are not.
CREATE TRIGGER conversations_report_status AFTER UPDATE OF status ON conversations
  FOR EACH ROW WHEN ((OLD.status = 'resolved') <> (NEW.status = 'resolved'))
  EXECUTE FUNCTION report_conversation_track();

-- A person's reply: outbound with an author who is not a bot. The cycle row is claimed by the
-- UPDATE, so two replies committing together count one first response.
CREATE FUNCTION report_first_response_track() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE opened timestamptz; conv record; BEGIN IF NOT EXISTS (SELECT 1 FROM agents WHERE id = NEW.author_id AND role <> 'bot') THEN RETURN NULL; END IF; UPDATE conversation_cycles SET first_response_at = NEW.created_at WHERE conversation_id = NEW.conversation_id AND first_response_at IS NULL AND opened_at <= NEW.created_at RETURNING opened_at INTO opened; IF opened IS NULL THEN RETURN NULL; END IF; SELECT tenant_id, channel_id, team_id INTO conv FROM conversations WHERE id = NEW.conversation_id; INSERT INTO report_events (tenant_id, conversation_id, channel_id, agent_id, team_id, kind, seconds, at) VALUES (conv.tenant_id, NEW.conversation_id, conv.channel_id, NEW.author_id, conv.team_id, 'first_response', GREATEST(0, EXTRACT(EPOCH FROM (NEW.created_at - opened))), NEW.created_at); RETURN NULL; END $$;

CREATE TRIGGER messages_report_first_response AFTER INSERT ON messages
  FOR EACH ROW WHEN (NEW.direction = 'out' AND NEW.author_id IS NOT NULL)
  EXECUTE FUNCTION report_first_response_track();

-- Conversations that exist already start a cycle at their creation, so a first reply after the
-- upgrade is still measured.
INSERT INTO conversation_cycles (conversation_id, opened_at, first_response_at)
  SELECT c.id, c.created_at, (SELECT min(m.created_at) FROM messages m JOIN agents a ON a.id = m.author_id
    WHERE m.conversation_id = c.id AND m.direction = 'out' AND a.role <> 'bot')
  FROM conversations c;
