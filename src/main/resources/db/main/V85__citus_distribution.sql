-- Citus (distributed PostgreSQL, docs/citus.md). On plain PostgreSQL this migration only creates the function below
-- and calling it changes nothing. With the citus extension in the database it places every table:
--
--  * by waybill, co-located with shipments, so each parcel's rows are on one shard and a parcel's transaction
--    (creation, a scan, a claim, a phone try) runs on one worker: shipments, shipment_events, waybill_claims,
--    verification_phone_tries, relay_bindings, leak_canaries, leak_attribution_matches;
--  * by their own key where that key is what every statement names: disclosure_budget by principal (a reveal
--    spends the principal's total and per-parcel counters in one statement, so both rows sit on one shard),
--    idempotency_keys by merchant, verification_requests by their random id (the waybill may be missing);
--  * the audit log (head, entries, checkpoints, signing keys) as single-shard tables in one co-location group: its
--    one total order needs one sequencer row locked by each append, and keeping all its rows on one node makes an
--    append a local transaction there rather than a commit across nodes;
--  * every other table is small and read by every node: reference tables, a copy on each node.
--
-- Citus requires a distributed table's primary key to include its distribution column: relay_bindings' key becomes
-- (waybill, id) on Citus only (ids are random, so they stay unique in practice; plain PostgreSQL keeps its key).
--
-- A database that gets the citus extension after this migration ran is distributed by calling the function once,
-- on the coordinator: SELECT pv_distribute_on_citus(); tables already placed are left as they are.
CREATE FUNCTION pv_distribute_on_citus() RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  t TEXT;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  -- DDL on many shards inside one transaction: one connection per worker keeps every later statement of the
  -- transaction able to see what the earlier ones created.
  SET LOCAL citus.multi_shard_modify_mode TO 'sequential';

  FOREACH t IN ARRAY ARRAY['waybill_counter', 'stations', 'principals', 'api_tokens', 'web_credentials',
      'web_setup_links', 'web_sessions', 'web_used_nonces', 'web_signin_throttle', 'subject_challenges',
      'subject_sessions', 'leak_state', 'leak_alerts', 'leak_attribution_runs', 'leak_attribution_spend',
      'retention_runs', 'webhook_outbox'] LOOP
    IF NOT pv_citus_placed(t) THEN
      PERFORM create_reference_table(t);
    END IF;
  END LOOP;

  IF NOT pv_citus_placed('shipments') THEN
    PERFORM create_distributed_table('shipments', 'waybill', colocate_with => 'none');
  END IF;
  IF NOT pv_citus_placed('relay_bindings') THEN
    ALTER TABLE relay_bindings DROP CONSTRAINT relay_bindings_pkey;
    ALTER TABLE relay_bindings ADD PRIMARY KEY (waybill, id);
  END IF;
  FOREACH t IN ARRAY ARRAY['shipment_events', 'waybill_claims', 'verification_phone_tries', 'relay_bindings',
      'leak_canaries', 'leak_attribution_matches'] LOOP
    IF NOT pv_citus_placed(t) THEN
      PERFORM create_distributed_table(t, 'waybill', colocate_with => 'shipments');
    END IF;
  END LOOP;

  IF NOT pv_citus_placed('disclosure_budget') THEN
    PERFORM create_distributed_table('disclosure_budget', 'principal_id', colocate_with => 'none');
  END IF;
  IF NOT pv_citus_placed('idempotency_keys') THEN
    PERFORM create_distributed_table('idempotency_keys', 'merchant_id', colocate_with => 'none');
  END IF;
  IF NOT pv_citus_placed('verification_requests') THEN
    PERFORM create_distributed_table('verification_requests', 'id', colocate_with => 'none');
  END IF;

  IF NOT pv_citus_placed('audit_head') THEN
    PERFORM create_distributed_table('audit_head', NULL, colocate_with => 'none');
  END IF;
  FOREACH t IN ARRAY ARRAY['audit_entries', 'audit_checkpoints', 'audit_keys'] LOOP
    IF NOT pv_citus_placed(t) THEN
      PERFORM create_distributed_table(t, NULL, colocate_with => 'audit_head');
    END IF;
  END LOOP;
END
$$;

-- True if Citus already knows the table (distributed, reference or single-shard).
CREATE FUNCTION pv_citus_placed(t TEXT) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = t::regclass);
END
$$;

SELECT pv_distribute_on_citus();
