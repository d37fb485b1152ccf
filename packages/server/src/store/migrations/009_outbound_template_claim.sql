-- The template refresher (docs/outbound.md): a refresh of a channel's templates is claimed by one
-- process at a time through a conditional UPDATE on this column; a claim older than a few minutes
-- belongs to a process that died and may be taken over.
ALTER TABLE template_syncs ADD COLUMN refresh_claimed_at timestamptz;
