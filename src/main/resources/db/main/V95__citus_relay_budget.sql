-- The merchants' relay budget (V94) on Citus: by principal, co-located with disclosure_budget, so pv_spend_relay's
-- two counters of one merchant sit on one shard and a spend runs on one worker.
INSERT INTO pv_citus_placement (position, table_name, placement, distribution_column, colocate_with)
  VALUES (34, 'relay_budget', 'distributed', 'principal_id', 'disclosure_budget');
SELECT pv_distribute_on_citus();
