-- The REST API's operations: transfers seen by who loses the conversation, canned responses,
-- full-text search. Runs unchanged on PostgreSQL 15+ and PGlite.

-- An assignment change is also shown to whoever could see the conversation through its previous
-- assignee or team, so their open thread learns it went away (docs/sync-protocol.md, visibleToYou).
ALTER TABLE event_log ADD COLUMN scope_extra_agent_id uuid;
ALTER TABLE event_log ADD COLUMN scope_extra_team_id uuid;

CREATE TABLE canned_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  -- Typed after a slash in the composer: letters, digits, - and _.
  shortcode text NOT NULL CHECK (shortcode ~ '^[a-z0-9_-]{1,40}$'),
  body text NOT NULL,
  created_by uuid REFERENCES agents (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, shortcode)
);

-- Full-text search. The 'simple' configuration does no stemming: customers write in any language,
-- and a stemmer for one language mangles the others. The expressions here and in search-routes.ts
-- must stay identical, or the planner cannot use these indexes.
CREATE INDEX messages_search_idx ON messages USING gin (
  to_tsvector('simple', coalesce(body ->> 'body', '') || ' ' || coalesce(body ->> 'caption', ''))
);
CREATE INDEX contacts_search_idx ON contacts USING gin (
  to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(wa_id, ''))
);

-- Unread counts: inbound messages of a conversation after a time.
CREATE INDEX messages_inbound_idx ON messages (conversation_id, created_at) WHERE direction = 'in';
CREATE INDEX conversation_reads_agent_idx ON conversation_reads (agent_id);
CREATE INDEX audit_log_tenant_id_idx ON audit_log (tenant_id, id DESC);
CREATE INDEX api_tokens_tenant_idx ON api_tokens (tenant_id);
CREATE INDEX contacts_tenant_idx ON contacts (tenant_id, created_at DESC, id DESC);
-- The conversation list's order (api/routes/conversation-routes.ts sorts and pages by exactly this
-- expression): the first page and every keyset page read straight off the index, no sort.
CREATE INDEX conversations_activity_idx ON conversations (tenant_id, (COALESCE(last_message_at, 'epoch')) DESC, id DESC);
-- The snooze waker (inbox/snooze-waker.ts) finds due snoozes without reading every conversation.
CREATE INDEX conversations_snoozed_idx ON conversations (snoozed_until) WHERE status = 'snoozed';
