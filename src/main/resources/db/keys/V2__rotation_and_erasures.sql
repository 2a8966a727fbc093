-- master_gen: which generation of the master key wraps the row. A master-key rotation re-wraps every row in one
-- transaction and bumps the generation; the generation of the 'master-check' row is the store's current one, and
-- its row lock serialises key creation against a rotation.
ALTER TABLE key_material ADD COLUMN master_gen INT DEFAULT 1 NOT NULL;
-- params: non-secret facts of a key version, e.g. 'firstCounter=1000000000' for a waybill key.
ALTER TABLE key_material ADD COLUMN params VARCHAR(200);

-- Shipments whose personal data was erased early at the data subject's request. Kept here, not beside the
-- shipments, because the key store is never rolled back to a backup: if an older backup of the shipment
-- database is restored, the retention run wipes these rows again. A row is forgotten once its retention bucket
-- has been shredded, which makes every copy of the row unreadable anyway.
CREATE TABLE erasures (
  waybill      VARCHAR(40) NOT NULL PRIMARY KEY,
  bucket       DATE        NOT NULL,
  erased_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX erasures_bucket ON erasures (bucket);
