-- Macros (docs/macros.md): a named list of actions an agent runs on a conversation with one click.
-- Personal ones belong to their author; shared ones (made by owners and admins) to the whole team.
CREATE TABLE macros (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  actions jsonb NOT NULL,
  shared boolean NOT NULL DEFAULT false,
  -- A shared macro outlives its author; a personal one goes with them.
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES agents (tenant_id, id) ON DELETE SET NULL (created_by)
);
CREATE INDEX macros_tenant_idx ON macros (tenant_id, name);
