-- Orders a marketplace registered with their recipient (POST /v1/orders), so that its shop can ship them by handle
-- without ever holding the recipient's phone or address. The recipient is sealed like a shipment's, under the
-- retention bucket of the day the order expires: when that bucket's key is destroyed, the order cannot be opened.
CREATE TABLE platform_orders (
  handle             VARCHAR(40)  PRIMARY KEY,            -- pvo_...: random, what the shop is given
  platform_id        VARCHAR(40)  NOT NULL,
  order_id           VARCHAR(64)  NOT NULL,
  merchant_id        VARCHAR(40)  NOT NULL,
  retention_day      DATE         NOT NULL,
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  province           VARCHAR(64)  NOT NULL,
  city               VARCHAR(64)  NOT NULL,
  district           VARCHAR(64)  NOT NULL,
  recipient_name     BYTEA        NOT NULL,
  recipient_phone    BYTEA        NOT NULL,
  recipient_street   BYTEA,
  recipient_detail   BYTEA        NOT NULL,
  recipient_phone_idx VARCHAR(48) NOT NULL,
  UNIQUE (platform_id, order_id, merchant_id)
);
CREATE INDEX platform_orders_retention ON platform_orders (retention_day);
CREATE INDEX platform_orders_phone ON platform_orders (recipient_phone_idx);
-- Personal columns keep no statistics (their most common values would be plaintext-adjacent data in pg_statistic).
ALTER TABLE platform_orders ALTER COLUMN recipient_name SET STATISTICS 0;
ALTER TABLE platform_orders ALTER COLUMN recipient_phone SET STATISTICS 0;
ALTER TABLE platform_orders ALTER COLUMN recipient_street SET STATISTICS 0;
ALTER TABLE platform_orders ALTER COLUMN recipient_detail SET STATISTICS 0;
ALTER TABLE platform_orders ALTER COLUMN recipient_phone_idx SET STATISTICS 0;
