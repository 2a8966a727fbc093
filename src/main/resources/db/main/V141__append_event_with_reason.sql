-- The scan's function (V102) with V140's two new values. A migration of its own: on Citus a function cannot be
-- created in the transaction that altered a distributed table (the ALTER ran on the shards in parallel).
-- V102's function stays for nodes of an older build that may still call it during an upgrade (migrations only add);
-- this build calls this one.
CREATE FUNCTION pv_append_event(to_state VARCHAR, moved_at TIMESTAMP WITH TIME ZONE, pickup VARCHAR,
    delivery VARCHAR, assigned TIMESTAMP WITH TIME ZONE, finished TIMESTAMP WITH TIME ZONE, wb VARCHAR,
    from_state VARCHAR, event_type VARCHAR, station VARCHAR, courier VARCHAR, principal VARCHAR, weight INT,
    event_at TIMESTAMP WITH TIME ZONE, ticket_id VARCHAR, failure_reason VARCHAR, cod_confirmed BOOLEAN)
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
      recorded_at, ticket, reason, cod_collected)
    VALUES (wb, n, event_type, station, courier, principal, weight, event_at, moved_at, ticket_id, failure_reason,
      cod_confirmed);
  RETURN n;
END
$$;

-- On Citus only, as V102: distributed by its waybill, co-located with shipments.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_distributed_function(CAST('pv_append_event(VARCHAR, TIMESTAMP WITH TIME ZONE, VARCHAR, '
        || 'VARCHAR, TIMESTAMP WITH TIME ZONE, TIMESTAMP WITH TIME ZONE, VARCHAR, VARCHAR, VARCHAR, VARCHAR, '
        || 'VARCHAR, VARCHAR, INT, TIMESTAMP WITH TIME ZONE, VARCHAR, VARCHAR, BOOLEAN)' AS regprocedure),
        distribution_arg_name => 'wb', colocate_with => 'shipments');
  END IF;
END
$$;
