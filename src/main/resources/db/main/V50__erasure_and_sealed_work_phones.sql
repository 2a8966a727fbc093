-- Early erasure at a data subject's request wipes a row's ciphertext and blind indexes (the shipment itself,
-- its state and areas stay); shredding at the end of retention removes the blind indexes too.
ALTER TABLE shipments ALTER COLUMN sender_name DROP NOT NULL;
ALTER TABLE shipments ALTER COLUMN sender_phone DROP NOT NULL;
ALTER TABLE shipments ALTER COLUMN sender_detail DROP NOT NULL;
ALTER TABLE shipments ALTER COLUMN sender_phone_idx DROP NOT NULL;
ALTER TABLE shipments ALTER COLUMN recipient_name DROP NOT NULL;
ALTER TABLE shipments ALTER COLUMN recipient_phone DROP NOT NULL;
ALTER TABLE shipments ALTER COLUMN recipient_detail DROP NOT NULL;
ALTER TABLE shipments ALTER COLUMN recipient_phone_idx DROP NOT NULL;

-- Couriers' work phones, sealed under the key store's work-phone key, so that their blind index can be
-- recomputed when the blind-index key rotates. Principals registered before this column have none.
ALTER TABLE principals ADD COLUMN phone_sealed BYTEA;
