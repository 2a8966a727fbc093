-- A scan (the shipment's guarded move and its event) as one function call, for Citus. V100's one statement,
-- WITH moved AS (UPDATE shipments ...) INSERT INTO shipment_events ... SELECT ... FROM moved, is one round trip on
-- PostgreSQL, but Citus runs it as two distributed steps (the update's row is pulled to the node that took the
-- statement, then inserted; docs/benchmarks/citus.md). This function does the same, and on Citus it is distributed
-- by its waybill and co-located with shipments, so the node that takes the call hands it whole to the worker that
-- holds the parcel's shard (or runs it itself when it is that worker), where both statements run locally.
--
-- The same rules as V100: the update moves the shipment only from the state the caller read, and takes the event's
-- number from the row it locks; NULL, and nothing inserted, when another event moved the shipment first. A number
-- already taken (a counter left behind, V100) fails with the insert's unique violation, as the statement does.
-- The parameters are V100's statement's as EventRepository binds them, without its second waybill and time.
CREATE FUNCTION pv_append_event(to_state VARCHAR, moved_at TIMESTAMP WITH TIME ZONE, pickup VARCHAR,
    delivery VARCHAR, assigned TIMESTAMP WITH TIME ZONE, finished TIMESTAMP WITH TIME ZONE, wb VARCHAR,
    from_state VARCHAR, event_type VARCHAR, station VARCHAR, courier VARCHAR, principal VARCHAR, weight INT,
    event_at TIMESTAMP WITH TIME ZONE, ticket_id VARCHAR)
RETURNS INT LANGUAGE plpgsql AS $$
DECLARE
  n INT;
BEGIN
  UPDATE shipments SET state = to_state, updated_at = moved_at, pickup_courier_id = pickup,
      delivery_courier_id = delivery, assigned_at = assigned, finished_at = finished, event_seq = event_seq + 1
    WHERE waybill = wb AND state = from_state
    RETURNING event_seq INTO n;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  INSERT INTO shipment_events (waybill, seq, type, station_code, courier_id, principal_id, weight_grams, at,
      recorded_at, ticket)
    VALUES (wb, n, event_type, station, courier, principal, weight, event_at, moved_at, ticket_id);
  RETURN n;
END
$$;

-- On Citus only (plain PostgreSQL has no create_distributed_function; the branch is not planned there). A database
-- that gets the extension after this migration ran runs this call once on the coordinator, after
-- pv_distribute_on_citus() (docs/citus.md).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_function(CAST('pv_append_event(VARCHAR, TIMESTAMP WITH TIME ZONE, VARCHAR, '
        || 'VARCHAR, TIMESTAMP WITH TIME ZONE, TIMESTAMP WITH TIME ZONE, VARCHAR, VARCHAR, VARCHAR, VARCHAR, '
        || 'VARCHAR, VARCHAR, INT, TIMESTAMP WITH TIME ZONE, VARCHAR)' AS regprocedure),
        distribution_arg_name => 'wb', colocate_with => 'shipments');
  END IF;
END
$$;
