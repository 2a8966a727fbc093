-- Who pays the carriage (docs/labels.md): SENDER (寄付), RECIPIENT (到付) or MONTHLY (月结). Shipments stored before
-- this was asked were all paid by their sender. The check is added apart and named: Citus takes no unnamed
-- constraint on a new column of a distributed table.
ALTER TABLE shipments ADD COLUMN payment VARCHAR(10) NOT NULL DEFAULT 'SENDER';
ALTER TABLE shipments ADD CONSTRAINT shipments_payment_known CHECK (payment IN ('SENDER', 'RECIPIENT', 'MONTHLY'));
