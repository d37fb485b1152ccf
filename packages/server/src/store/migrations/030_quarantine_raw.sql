-- A quarantined body that PostgreSQL text cannot hold (a U+0000 in a signed non-JSON body) is kept
-- byte for byte here, with a readable copy (U+FFFD in its place) in body.
ALTER TABLE quarantine ADD COLUMN raw bytea;
