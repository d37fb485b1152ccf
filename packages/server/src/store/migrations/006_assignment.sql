-- Automatic assignment (docs/assignment.md): rules per channel and team, agent capacity, a load
-- counter kept by the database itself, the waiting list and the reason of each decision.
-- Runs unchanged on PostgreSQL 15+ and PGlite.

-- A channel's rules (settings: policy, online only, per-channel capacity, stickiness, business
-- hours, auto-reply; validated by assignment/settings.ts). The row is also the channel's lock:
-- every automatic assignment in the channel takes it FOR UPDATE, which keeps the round-robin
-- pointer in order across processes.
CREATE TABLE assignment_channels (
  channel_id uuid PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  settings jsonb NOT NULL DEFAULT '{}',
  -- The agent round robin chose last. No foreign key: a removed agent still marks the place.
  rr_pointer uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assignment_channels_tenant_idx ON assignment_channels (tenant_id);

-- A team's override, for conversations routed to the team; same locking role as the channel row.
CREATE TABLE assignment_teams (
  team_id uuid PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  settings jsonb NOT NULL DEFAULT '{}',
  rr_pointer uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- An agent's global capacity. Automatic assignment locks this row before it counts the agent's
-- load, so two processes choosing the same agent at once take turns and never overfill them.
CREATE TABLE assignment_agents (
  agent_id uuid PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  max_open integer CHECK (max_open >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Open (not resolved) conversations per assignee and channel, kept by a trigger on conversations,
-- so every writer (ingest, REST, CLI) keeps it exact and reading a load costs one row, not a count.
CREATE TABLE assignment_load (
  agent_id uuid NOT NULL,
  channel_id uuid NOT NULL,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  open_count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (agent_id, channel_id)
);
CREATE INDEX assignment_load_tenant_idx ON assignment_load (tenant_id, agent_id);

-- The body stays on one line: migrate.ts splits statements at semicolons that end a line.
CREATE FUNCTION assignment_load_track() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP <> 'INSERT' AND OLD.assignee_id IS NOT NULL AND OLD.status <> 'resolved' THEN UPDATE assignment_load SET open_count = open_count - 1 WHERE agent_id = OLD.assignee_id AND channel_id = OLD.channel_id; END IF; IF TG_OP <> 'DELETE' AND NEW.assignee_id IS NOT NULL AND NEW.status <> 'resolved' THEN INSERT INTO assignment_load AS l (agent_id, channel_id, tenant_id, open_count) VALUES (NEW.assignee_id, NEW.channel_id, NEW.tenant_id, 1) ON CONFLICT (agent_id, channel_id) DO UPDATE SET open_count = l.open_count + 1; END IF; RETURN NULL; END $$;

CREATE TRIGGER conversations_load_insert_delete AFTER INSERT OR DELETE ON conversations
  FOR EACH ROW EXECUTE FUNCTION assignment_load_track();

-- Most conversation updates (a new message) touch neither column: they cost nothing here.
CREATE TRIGGER conversations_load_update AFTER UPDATE OF assignee_id, status, channel_id ON conversations
  FOR EACH ROW WHEN (OLD.assignee_id IS DISTINCT FROM NEW.assignee_id OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD.channel_id IS DISTINCT FROM NEW.channel_id)
  EXECUTE FUNCTION assignment_load_track();

INSERT INTO assignment_load (agent_id, channel_id, tenant_id, open_count)
  SELECT assignee_id, channel_id, tenant_id, count(*) FROM conversations
  WHERE assignee_id IS NOT NULL AND status <> 'resolved' GROUP BY assignee_id, channel_id, tenant_id;

-- Open conversations per assignee: giving back an offline agent's work, checking the counter.
CREATE INDEX conversations_open_assignee_idx ON conversations (assignee_id, channel_id) WHERE status <> 'resolved';
-- Stickiness looks up a returning contact's other conversations.
CREATE INDEX conversations_contact_idx ON conversations (contact_id);

-- Conversations nobody could take yet, oldest first (id breaks ties within one transaction).
CREATE TABLE assignment_waiting (
  conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  channel_id uuid NOT NULL,
  id bigserial NOT NULL,
  since timestamptz NOT NULL DEFAULT now(),
  reason text NOT NULL
);
CREATE INDEX assignment_waiting_order_idx ON assignment_waiting (tenant_id, since, id);
-- A newcomer queues behind the conversations of its channel that wait already.
CREATE INDEX assignment_waiting_channel_idx ON assignment_waiting (channel_id, since, id);

-- The last automatic decision about each conversation and why (shown beside the assignee).
CREATE TABLE conversation_assignments (
  conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  agent_id uuid,
  reason text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now()
);
