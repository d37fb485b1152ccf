-- The customer message last marked read on WhatsApp, per conversation (docs/outbound.md). `sending`
-- is claimed before the Graph call and `sent` recorded after it, so a repeated or concurrent read of
-- the same message sends no second receipt; `failed` lets a later read try again.
CREATE TABLE read_receipts (
  conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  wa_message_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('sending', 'sent', 'failed')),
  claimed_at timestamptz NOT NULL DEFAULT now()
);
