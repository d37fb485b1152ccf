-- Items of a webhook the worker could not read (a message without id or sender, a status without
-- timestamp, ...) are quarantined one by one, each as an envelope of its own (docs/faults.md). A
-- redelivered webhook must not keep them twice: item_key is a hash of the tenant and the item.
ALTER TABLE quarantine ADD COLUMN item_key text;
CREATE UNIQUE INDEX quarantine_item_key_idx ON quarantine (item_key) WHERE item_key IS NOT NULL;
