-- Bots in front of channels, their per-conversation state, and the scheduling bot's calendar.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE bots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('builtin', 'webhook')),
  builtin text,
  webhook_url text,
  -- Signs webhook deliveries (encrypted at rest like channel secrets).
  secret_enc text,
  -- The bot's own agent row (role bot): it authors replies and owns the bot's API token.
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  handoff_team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
  config jsonb NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'builtin') = (builtin IS NOT NULL)),
  CHECK ((kind = 'webhook') = (webhook_url IS NOT NULL))
);

-- A channel with a bot sends its new conversations to the bot first.
CREATE TABLE channel_bots (
  channel_id uuid PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
  bot_id uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE
);

CREATE TABLE bot_sessions (
  conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  bot_id uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('active', 'handed_off', 'taken_over')),
  state jsonb NOT NULL DEFAULT '{}',
  reason text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sched_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  zone text NOT NULL DEFAULT 'UTC',
  hours jsonb NOT NULL DEFAULT '{}',
  breaks jsonb NOT NULL DEFAULT '{}',
  holidays jsonb NOT NULL DEFAULT '[]',
  horizon_days integer NOT NULL DEFAULT 14,
  reminder_minutes integer NOT NULL DEFAULT 1440,
  reminder_template text,
  -- The secret in the tenant's .ics feed URL (calendar apps cannot send headers).
  ics_token text NOT NULL UNIQUE
);

CREATE TABLE sched_services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  duration_min integer NOT NULL CHECK (duration_min BETWEEN 5 AND 1440),
  price_cents integer,
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE sched_staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  active boolean NOT NULL DEFAULT true
);

-- Two customers choosing the same slot: the database lets exactly one booking through.
CREATE TABLE appointments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  conversation_id uuid REFERENCES conversations (id) ON DELETE SET NULL,
  service_id uuid NOT NULL REFERENCES sched_services (id),
  staff_id uuid NOT NULL REFERENCES sched_staff (id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
  reminded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CONSTRAINT appointments_no_overlap EXCLUDE USING gist (staff_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status = 'booked')
);
CREATE INDEX appointments_tenant_time_idx ON appointments (tenant_id, starts_at);
CREATE INDEX appointments_contact_idx ON appointments (contact_id, starts_at);
