-- A shipment whose recipient a marketplace sealed (or registered) is bound to that platform's order at creation,
-- and carries the merchant's pseudonym of the buyer. All three are NULL for shipments with a plain recipient.
ALTER TABLE shipments ADD COLUMN platform_id VARCHAR(40);
ALTER TABLE shipments ADD COLUMN platform_order_id VARCHAR(64);
ALTER TABLE shipments ADD COLUMN buyer_pseudonym VARCHAR(40);
