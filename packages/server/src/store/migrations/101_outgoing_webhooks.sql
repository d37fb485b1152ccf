-- Outgoing webhooks (docs/outgoing-webhooks.md). A subscription reads its tenant's event log from
-- its own cursor, so it sees every committed change once and in commit order; each matching entry
-- becomes a delivery row, which is the delivery log, the retry state and what a replay resends.

CREATE TABLE webhook_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  event_types text[] NOT NULL,
  -- Signs deliveries; encrypted at rest like channel secrets.
  secret_enc text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  -- The last event-log seq copied into deliveries: a new subscription starts at the tenant's present.
  cursor_seq bigint NOT NULL DEFAULT 0,
  -- The receiver's health: consecutive failed attempts, and when to try it again (back-off).
  failures integer NOT NULL DEFAULT 0,
  retry_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX webhook_subscriptions_tenant_idx ON webhook_subscriptions (tenant_id);

CREATE TABLE webhook_deliveries (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL,
  subscription_id uuid NOT NULL,
  seq bigint NOT NULL,
  event_type text NOT NULL,
  -- Deliveries with the same key go out one at a time, in seq order: a conversation's events (or
  -- a contact's, an agent's) never overtake each other.
  order_key text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- Held by a worker until then; a worker that dies leaves it to be claimed again after it.
  lease_until timestamptz,
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (subscription_id, seq),
  FOREIGN KEY (tenant_id, subscription_id) REFERENCES webhook_subscriptions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (subscription_id, order_key, seq) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (subscription_id, id DESC);
