-- Whether the merchant asked for a delivery PIN as proof of a door delivery (docs/pickup.md). Shipments stored before
-- this was asked need none.
ALTER TABLE shipments ADD COLUMN delivery_pin BOOLEAN NOT NULL DEFAULT false;
