-- Outbound: the send ledger, media kept in blob storage, and the cache of message templates.

-- One row per outbound message: what the worker knows of its Graph API call. `started` is written
-- (and committed) before the HTTP request and replaced by the answer after it, so a crash in
-- between leaves `started`, which the next worker turns into `unknown` instead of sending again
-- (CONTRACTS "Outbound"). An agent's Retry starts a new attempt.
CREATE TABLE outbound_sends (
  message_id uuid PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  attempt integer NOT NULL DEFAULT 1,
  state text NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'started', 'accepted', 'failed', 'unknown', 'expired')),
  -- HTTP calls made in this attempt (transient failures are retried within it).
  tries integer NOT NULL DEFAULT 0,
  started_at timestamptz,
  answered_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbound_sends_unknown_idx ON outbound_sends (started_at) WHERE state = 'unknown';

-- Media files, both ways. Inbound: downloaded from the Graph API by the worker. Outbound: uploaded
-- by an agent, then uploaded to the Graph API once per phone number (graph_ids caches those ids).
CREATE TABLE media (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  message_id uuid REFERENCES messages (id) ON DELETE SET NULL,
  -- Who may fetch it: the conversation's viewers (inbound), or every agent of the tenant who can
  -- see a message that uses it (outbound uploads start unattached).
  conversation_id uuid REFERENCES conversations (id) ON DELETE SET NULL,
  wa_media_id text,
  blob_key text,
  mime_type text,
  size bigint,
  sha256 text,
  filename text,
  graph_ids jsonb NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'stored' CHECK (state IN ('stored', 'unavailable')),
  reason text,
  uploaded_by uuid REFERENCES agents (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_tenant_idx ON media (tenant_id, created_at);
CREATE UNIQUE INDEX media_inbound_key ON media (tenant_id, message_id) WHERE direction = 'in';

-- The channel's message templates as the Graph API lists them, refreshed on demand and every
-- ten minutes; template status webhooks move `status` in between.
CREATE TABLE message_templates (
  channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  wa_template_id text,
  name text NOT NULL,
  language text NOT NULL,
  status text NOT NULL,
  category text,
  components jsonb NOT NULL DEFAULT '[]',
  synced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel_id, name, language)
);

CREATE TABLE template_syncs (
  channel_id uuid PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
  synced_at timestamptz NOT NULL,
  -- channel_events up to this id have been applied to message_templates.
  applied_event_id bigint NOT NULL DEFAULT 0
);
