-- The tenant's label catalogue (what the dashboard offers); conversations keep their labels as text.
CREATE TABLE labels (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);
