-- The support ticket a return by support answers, kept with the event it justifies.
ALTER TABLE shipment_events ADD COLUMN ticket VARCHAR(40);
