-- Google Calendar per staff member: their busy times block slots, and the bot's bookings are
-- written there as events (the event id kept to move or delete it later).
CREATE TABLE sched_google_calendars (
  staff_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  calendar_id text NOT NULL,
  -- OAuth credentials (JSON), encrypted at rest like channel secrets.
  credentials_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, staff_id) REFERENCES sched_staff (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sched_google_calendars_tenant_idx ON sched_google_calendars (tenant_id);
ALTER TABLE appointments ADD COLUMN google_event_id text;
