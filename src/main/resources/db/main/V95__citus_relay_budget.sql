-- Citus placement of the merchants' relay budget (V94): by principal, co-located with disclosure_budget, so that
-- pv_spend_relay's two counters of one merchant sit on one shard and a spend runs on one worker. The function of
-- V92 is replaced so that a database that gets the citus extension later is placed in full by one call.
CREATE OR REPLACE FUNCTION pv_distribute_on_citus() RETURNS VOID LANGUAGE plpgsql AS $$
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
  IF NOT pv_citus_placed('relay_budget') THEN
    PERFORM create_distributed_table('relay_budget', 'principal_id', colocate_with => 'disclosure_budget');
  END IF;
  IF NOT pv_citus_placed('idempotency_keys') THEN
    PERFORM create_distributed_table('idempotency_keys', 'merchant_id', colocate_with => 'none');
  END IF;
  IF NOT pv_citus_placed('platform_orders') THEN
    ALTER TABLE platform_orders DROP CONSTRAINT platform_orders_pkey;
    ALTER TABLE platform_orders ADD PRIMARY KEY (merchant_id, handle);
    PERFORM create_distributed_table('platform_orders', 'merchant_id', colocate_with => 'none');
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

SELECT pv_distribute_on_citus();
