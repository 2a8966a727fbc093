-- A merchant's address book of senders (its shop, warehouses) and its default sender, so that a shipment may name a
-- saved sender or none at all (docs/senders.md). A small shop's sender is its owner's name and mobile: sealed like a
-- shipment's parties, under the key-store keyset `senders` (not a retention bucket: an entry lives until its
-- merchant deletes it), each field bound to its merchant, entry and field. The area stays in clear, as on shipments.
CREATE TABLE senders (
  merchant_id VARCHAR(40)  NOT NULL,
  id          VARCHAR(40)  NOT NULL,              -- snd_...: random, what the merchant names it by
  is_default  BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  province    VARCHAR(64)  NOT NULL,
  city        VARCHAR(64)  NOT NULL,
  district    VARCHAR(64)  NOT NULL,
  name        BYTEA        NOT NULL,
  phone       BYTEA        NOT NULL,
  street      BYTEA,
  detail      BYTEA        NOT NULL,
  PRIMARY KEY (merchant_id, id)
);
-- At most one default per merchant, whichever node sets it.
CREATE UNIQUE INDEX senders_one_default ON senders (merchant_id) WHERE is_default;
ALTER TABLE senders ALTER COLUMN name SET STATISTICS 0;
ALTER TABLE senders ALTER COLUMN phone SET STATISTICS 0;
ALTER TABLE senders ALTER COLUMN street SET STATISTICS 0;
ALTER TABLE senders ALTER COLUMN detail SET STATISTICS 0;

-- On Citus: by merchant, co-located with idempotency_keys; every statement names the merchant, so one shard answers.
INSERT INTO pv_citus_placement (position, table_name, placement, distribution_column, colocate_with)
  VALUES (115, 'senders', 'distributed', 'merchant_id', 'idempotency_keys');
SELECT pv_distribute_on_citus();
