-- Whether an attempt's outbound job is known to be in the queue (issue 17, item 4). With Redis the
-- job is appended after the send commits: a process that dies in between, or a Redis that does not
-- answer, leaves a stored send without its job. enqueued_at is set once the append succeeded (in
-- the same transaction with a table queue); the outbound job sweep queues sends still without it
-- after a while. queued_at: when the attempt became queued (the send, or a Retry).
ALTER TABLE outbound_sends ADD COLUMN enqueued_at timestamptz;
ALTER TABLE outbound_sends ADD COLUMN queued_at timestamptz NOT NULL DEFAULT now();
-- Sends from before that already left need no job; those still queued get one from the sweep
-- (a job for a send that has left does nothing, so a spare one is harmless).
UPDATE outbound_sends SET enqueued_at = created_at, queued_at = created_at WHERE state <> 'queued' OR tries > 0;
CREATE INDEX outbound_sends_unqueued_idx ON outbound_sends (queued_at) WHERE enqueued_at IS NULL AND state = 'queued';
