-- Parley's first schema. Runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The per-tenant cursor. Taking this row late in a transaction (UPDATE … RETURNING) orders a
-- tenant's commits, so seq order is commit order and a reader never sees N+1 before N.
CREATE TABLE tenant_counters (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  seq bigint NOT NULL DEFAULT 0,
  -- Entries with seq <= pruned_through are gone: cursors below it must re-snapshot.
  pruned_through bigint NOT NULL DEFAULT 0
);

CREATE TABLE agents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'agent', 'bot')),
  password_hash text,
  availability text NOT NULL DEFAULT 'online' CHECK (availability IN ('online', 'away', 'offline')),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX agents_email_key ON agents (lower(email));
CREATE INDEX agents_tenant_idx ON agents (tenant_id);

CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name)
);

CREATE TABLE team_members (
  team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, agent_id)
);

CREATE TABLE channels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  phone_number_id text NOT NULL UNIQUE,
  display_phone_number text,
  waba_id text,
  -- Encrypted at rest with PARLEY_SECRET_KEY (AES-256-GCM, see secret-box.ts).
  access_token_enc text,
  app_secret_enc text,
  verify_token text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX channels_tenant_idx ON channels (tenant_id);

-- Who sees a channel's conversations: an agent directly, or every member of a team.
CREATE TABLE channel_members (
  channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  agent_id uuid REFERENCES agents (id) ON DELETE CASCADE,
  team_id uuid REFERENCES teams (id) ON DELETE CASCADE,
  CHECK ((agent_id IS NULL) <> (team_id IS NULL))
);
CREATE UNIQUE INDEX channel_members_agent_key ON channel_members (channel_id, agent_id) WHERE agent_id IS NOT NULL;
CREATE UNIQUE INDEX channel_members_team_key ON channel_members (channel_id, team_id) WHERE team_id IS NOT NULL;

CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  wa_id text,
  user_id text,
  name text,
  phone text,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 0,
  CHECK (wa_id IS NOT NULL OR user_id IS NOT NULL)
);
CREATE UNIQUE INDEX contacts_wa_id_key ON contacts (tenant_id, wa_id) WHERE wa_id IS NOT NULL;
CREATE UNIQUE INDEX contacts_user_id_key ON contacts (tenant_id, user_id) WHERE user_id IS NOT NULL AND wa_id IS NULL;

-- One thread per (channel, contact); a resolved one reopens when the customer writes again.
CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
  assignee_id uuid REFERENCES agents (id) ON DELETE SET NULL,
  team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
  labels text[] NOT NULL DEFAULT '{}',
  last_message_at timestamptz,
  last_message_preview text,
  last_inbound_at timestamptz,
  snoozed_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 0,
  UNIQUE (channel_id, contact_id)
);
CREATE INDEX conversations_list_idx ON conversations (tenant_id, last_message_at DESC NULLS LAST, id DESC);
CREATE INDEX conversations_assignee_idx ON conversations (tenant_id, assignee_id, last_message_at DESC NULLS LAST);

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  kind text NOT NULL,
  body jsonb NOT NULL,
  status text NOT NULL,
  wa_message_id text,
  client_id text,
  author_id uuid REFERENCES agents (id) ON DELETE SET NULL,
  error jsonb,
  wa_timestamp timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 0
);
-- Meta redelivers: one row per WhatsApp message id, enforced by the database, not by a lookup.
CREATE UNIQUE INDEX messages_wa_id_key ON messages (tenant_id, wa_message_id) WHERE wa_message_id IS NOT NULL;
-- A client retrying a send with the same id gets the same row.
CREATE UNIQUE INDEX messages_client_id_key ON messages (tenant_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_thread_idx ON messages (conversation_id, created_at, id);

CREATE TABLE notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  author_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  body text NOT NULL,
  mentions uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 0
);
CREATE INDEX notes_thread_idx ON notes (conversation_id, created_at, id);

-- Per agent read cursor of a conversation: unread = inbound messages after it.
CREATE TABLE conversation_reads (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  read_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, agent_id)
);

-- Webhook fields other than messages (account_update, template status, …), kept as received.
CREATE TABLE channel_events (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  channel_id uuid REFERENCES channels (id) ON DELETE SET NULL,
  field text NOT NULL,
  value jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  actor_id uuid,
  action text NOT NULL,
  target text,
  details jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, at DESC);

-- A status that arrives before its message waits here and is applied when the message lands.
CREATE TABLE early_statuses (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  wa_message_id text NOT NULL,
  status text NOT NULL,
  error jsonb,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, wa_message_id, status)
);

-- The transactional outbox and sync log. scope_* say who may see an entry (null: the whole tenant).
CREATE TABLE event_log (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  type text NOT NULL,
  entity_id text NOT NULL,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  scope_channel_id uuid,
  scope_agent_id uuid,
  scope_team_id uuid,
  committed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, seq)
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  -- personal tokens act as one agent; integration tokens act for the tenant with a role.
  agent_id uuid REFERENCES agents (id) ON DELETE CASCADE,
  role text CHECK (role IN ('owner', 'admin', 'agent', 'bot')),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  CHECK ((agent_id IS NULL) <> (role IS NULL))
);

-- Signed payloads that could not be routed or parsed: kept, acked, replayable after a fix.
CREATE TABLE quarantine (
  id bigserial PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  reason text NOT NULL,
  channel_hint text,
  body text NOT NULL,
  replayed_at timestamptz
);

-- The queue of the embedded default and of PostgreSQL-only mode: one lane per tenant.
CREATE TABLE queue_lanes (
  queue text NOT NULL,
  lane text NOT NULL,
  pending integer NOT NULL DEFAULT 0,
  ready_at timestamptz NOT NULL DEFAULT now(),
  leased_until timestamptz,
  lease_owner text,
  PRIMARY KEY (queue, lane)
);
CREATE INDEX queue_lanes_ready_idx ON queue_lanes (queue, ready_at) WHERE pending > 0;

CREATE TABLE queue_jobs (
  id bigserial PRIMARY KEY,
  queue text NOT NULL,
  lane text NOT NULL,
  payload text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  enqueued_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX queue_jobs_lane_idx ON queue_jobs (queue, lane, id);

CREATE TABLE queue_dead (
  id bigserial PRIMARY KEY,
  queue text NOT NULL,
  lane text NOT NULL,
  payload text NOT NULL,
  attempts integer NOT NULL,
  last_error text,
  enqueued_at timestamptz NOT NULL,
  died_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE instance_settings (
  key text PRIMARY KEY,
  value text NOT NULL
);
