-- Where each table goes on Citus (docs/citus.md), as data: one row per table, read by pv_distribute_on_citus(),
-- which replaces the function of V85 (same placements, same order). A migration that adds a table adds its row
-- here and calls the function again; tables already placed are left as they are. On plain PostgreSQL the rows are
-- only data and the function returns at once.
--
--  placement      reference: a copy on every node (small tables every node reads)
--                 distributed: hash-distributed by distribution_column, co-located with colocate_with
--                 single_shard: one shard in colocate_with's group (the audit log: its one total order)
--  citus_key      the primary key the table takes on Citus only, where Citus needs the distribution column in it
CREATE TABLE pv_citus_placement (
  position            INT         NOT NULL UNIQUE,
  table_name          VARCHAR(63) PRIMARY KEY,
  placement           VARCHAR(12) NOT NULL CHECK (placement IN ('reference', 'distributed', 'single_shard')),
  distribution_column VARCHAR(63),
  colocate_with       VARCHAR(63),
  citus_key           VARCHAR(200),
  CHECK ((placement = 'distributed') = (distribution_column IS NOT NULL))
);

INSERT INTO pv_citus_placement (position, table_name, placement, distribution_column, colocate_with, citus_key) VALUES
  (1, 'pv_citus_placement', 'reference', NULL, NULL, NULL),
  (2, 'waybill_counter', 'reference', NULL, NULL, NULL),
  (3, 'stations', 'reference', NULL, NULL, NULL),
  (4, 'principals', 'reference', NULL, NULL, NULL),
  (5, 'api_tokens', 'reference', NULL, NULL, NULL),
  (6, 'web_credentials', 'reference', NULL, NULL, NULL),
  (7, 'web_setup_links', 'reference', NULL, NULL, NULL),
  (8, 'web_sessions', 'reference', NULL, NULL, NULL),
  (9, 'web_used_nonces', 'reference', NULL, NULL, NULL),
  (10, 'web_signin_throttle', 'reference', NULL, NULL, NULL),
  (11, 'subject_challenges', 'reference', NULL, NULL, NULL),
  (12, 'subject_sessions', 'reference', NULL, NULL, NULL),
  (13, 'leak_state', 'reference', NULL, NULL, NULL),
  (14, 'leak_alerts', 'reference', NULL, NULL, NULL),
  (15, 'leak_attribution_runs', 'reference', NULL, NULL, NULL),
  (16, 'leak_attribution_spend', 'reference', NULL, NULL, NULL),
  (17, 'retention_runs', 'reference', NULL, NULL, NULL),
  (18, 'webhook_outbox', 'reference', NULL, NULL, NULL),
  -- A parcel's rows on one shard: creating, scanning, claiming and phone tries are single-shard transactions.
  (20, 'shipments', 'distributed', 'waybill', NULL, NULL),
  (21, 'shipment_events', 'distributed', 'waybill', 'shipments', NULL),
  (22, 'waybill_claims', 'distributed', 'waybill', 'shipments', NULL),
  (23, 'verification_phone_tries', 'distributed', 'waybill', 'shipments', NULL),
  -- Binding ids are random (160 bits): unique in practice under the wider key.
  (24, 'relay_bindings', 'distributed', 'waybill', 'shipments', 'waybill, id'),
  (25, 'leak_canaries', 'distributed', 'waybill', 'shipments', NULL),
  (26, 'leak_attribution_matches', 'distributed', 'waybill', 'shipments', NULL),
  -- A reveal spends the principal's total and per-parcel counters in one statement: both rows on one shard.
  (30, 'disclosure_budget', 'distributed', 'principal_id', NULL, NULL),
  (31, 'idempotency_keys', 'distributed', 'merchant_id', NULL, NULL),
  -- The waybill may be missing (a platform passes on what a seller typed); ids are random.
  (32, 'verification_requests', 'distributed', 'id', NULL, NULL),
  -- Registered orders (V90): every statement names the shop that ships them. Handles are random (128 bits).
  (33, 'platform_orders', 'distributed', 'merchant_id', NULL, 'merchant_id, handle'),
  (40, 'audit_head', 'single_shard', NULL, NULL, NULL),
  (41, 'audit_entries', 'single_shard', NULL, 'audit_head', NULL),
  (42, 'audit_checkpoints', 'single_shard', NULL, 'audit_head', NULL),
  (43, 'audit_keys', 'single_shard', NULL, 'audit_head', NULL);

CREATE OR REPLACE FUNCTION pv_distribute_on_citus() RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  p RECORD;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  -- DDL on many shards inside one transaction: one connection per worker keeps every later statement of the
  -- transaction able to see what the earlier ones created.
  SET LOCAL citus.multi_shard_modify_mode TO 'sequential';
  -- The placement table itself first: once it is a reference table, later migrations' rows reach every node.
  FOR p IN SELECT * FROM pv_citus_placement ORDER BY position LOOP
    CONTINUE WHEN pv_citus_placed(p.table_name);
    IF p.citus_key IS NOT NULL THEN
      EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', p.table_name, p.table_name || '_pkey');
      EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (%s)', p.table_name, p.citus_key);
    END IF;
    IF p.placement = 'reference' THEN
      PERFORM create_reference_table(p.table_name);
    ELSIF p.placement = 'distributed' THEN
      PERFORM create_distributed_table(p.table_name, p.distribution_column,
          colocate_with => coalesce(p.colocate_with, 'none'));
    ELSE
      PERFORM create_distributed_table(p.table_name, NULL, colocate_with => coalesce(p.colocate_with, 'none'));
    END IF;
  END LOOP;
END
$$;

SELECT pv_distribute_on_citus();
