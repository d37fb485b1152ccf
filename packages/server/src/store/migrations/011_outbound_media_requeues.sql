-- Inbound media messages whose download the sweep queued again, since the job queued after ingest
-- may never have been appended (docs/outbound.md): the sweep spaces its attempts and gives up after
-- a few.
CREATE TABLE media_requeues (
  message_id uuid PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  queued_at timestamptz NOT NULL DEFAULT now(),
  times integer NOT NULL DEFAULT 1
);

-- The sweep's question, answered from a small index: customers' media messages not yet resolved to
-- a file or to "unavailable" (both put `media` in the body).
CREATE INDEX messages_media_pending_idx ON messages (created_at)
  WHERE direction = 'in' AND kind IN ('image', 'video', 'document', 'audio', 'sticker') AND NOT (body ? 'media');
