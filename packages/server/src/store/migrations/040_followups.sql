-- The outbox of decisions taken after an ingest batch commits (assignment, bots, media downloads,
-- the auto-reply): written in the batch's own transaction, so a worker that dies between the
-- commit and its hooks leaves the work here for another worker (docs/faults.md). A row is deleted
-- once every hook has run; `done` names the hooks that already succeeded, so a retry repeats only
-- the others. After too many failures a row is parked (parked_at) and kept for an operator.
CREATE TABLE followups (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  payload jsonb NOT NULL,
  done text[] NOT NULL DEFAULT '{}',
  attempts integer NOT NULL DEFAULT 0,
  -- Until then the writing worker owns the row; after it, any worker may claim it.
  run_after timestamptz NOT NULL,
  last_error text,
  parked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX followups_due_idx ON followups (run_after, id) WHERE parked_at IS NULL;
CREATE INDEX followups_parked_idx ON followups (parked_at) WHERE parked_at IS NOT NULL;
