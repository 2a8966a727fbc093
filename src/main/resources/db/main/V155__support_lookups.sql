-- Support finds a shipment by the merchant's order reference across all merchants (GET /v1/shipments?reference=
-- by support): an index in the order the pages are read, so a look-up never scans the table. The phone look-up uses
-- the blind-index indexes of V2.
CREATE INDEX shipments_reference_page ON shipments (reference, created_at, waybill);
