-- The scheduling bot keeps each contact's language (not guessed per message), reads services by
-- their synonyms, and retries a failed reminder with back-off instead of marking it sent.
ALTER TABLE contacts ADD COLUMN language text CHECK (language IN ('pt', 'en'));
ALTER TABLE sched_services ADD COLUMN synonyms text[] NOT NULL DEFAULT '{}';
ALTER TABLE appointments ADD COLUMN reminder_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN reminder_next_at timestamptz;
ALTER TABLE appointments ADD COLUMN reminder_error text;
