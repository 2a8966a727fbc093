-- Citus (docs/citus.md): the key store becomes reference tables, a copy on every node, so that a service node
-- connected to a worker reads and provisions keys as one on the coordinator does. The tables are small and written
-- rarely (a key created, rotated or destroyed; an early erasure); a write commits on every node. Every copy holds
-- key material only as wrapped by the master key, which is in no database. On plain PostgreSQL, or a key store in a
-- database without the citus extension, nothing changes. Rows already there (a store that got the extension later)
-- are copied to every node and then removed from the coordinator's local table, where a key destroyed later would
-- otherwise keep its wrapped material.
DO $$
DECLARE
  t TEXT;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  IF (SELECT groupid FROM pg_catalog.pg_dist_local_group) <> 0 THEN
    RETURN;
  END IF;
  SET LOCAL citus.multi_shard_modify_mode TO 'sequential';
  FOREACH t IN ARRAY ARRAY['key_material', 'erasures'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = t::regclass) THEN
      PERFORM create_reference_table(t);
      PERFORM truncate_local_data_after_distributing_table(t);
    END IF;
  END LOOP;
END
$$;
