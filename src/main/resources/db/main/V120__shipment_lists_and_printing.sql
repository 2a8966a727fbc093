-- A merchant's shipment list (GET /v1/shipments, the console's list) pages newest first by (created_at, waybill):
-- this index serves the page and its cursor ("created_at, waybill below the last served") in one range scan, with
-- the state and time filters checked on the way. It replaces shipments_merchant (merchant_id, created_at), which it
-- covers. A look-up by the merchant's own order reference has an index of its own. On Citus, where shipments is
-- distributed by waybill, both indexes are made on every shard: a list asks every shard for its first rows in order
-- and the coordinator merges them.
CREATE INDEX shipments_merchant_page ON shipments (merchant_id, created_at, waybill);
DROP INDEX shipments_merchant;
CREATE INDEX shipments_merchant_reference ON shipments (merchant_id, reference);

-- When the shipment's label was first handed out for printing (API, console, batch PDF): the merchant's packing desk
-- sees printed and unprinted parcels apart. NULL until then.
ALTER TABLE shipments ADD COLUMN printed_at TIMESTAMP WITH TIME ZONE;
