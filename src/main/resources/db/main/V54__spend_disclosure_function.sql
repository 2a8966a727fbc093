-- Spends one reveal from a principal's daily total (scope '*') and from its budget for one shipment (scope =
-- waybill): both or neither. One round trip instead of four statements; it runs inside the transaction that appends
-- the reveal's audit entry, so the unit is spent exactly when that entry commits. H2 runs the same steps from Java
-- (DisclosureBudgets.spendInSteps).
CREATE FUNCTION pv_spend_disclosure(p VARCHAR, d DATE, wb VARCHAR, total_limit INT, shipment_limit INT)
RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
  room INT;
BEGIN
  INSERT INTO disclosure_budget (principal_id, budget_day, scope, used)
    VALUES (p, d, '*', 0), (p, d, wb, 0)
    ON CONFLICT DO NOTHING;
  -- Locked in scope order ('*' first), so two nodes spending for one principal queue instead of deadlocking.
  SELECT count(*) INTO room FROM (
    SELECT scope, used FROM disclosure_budget
    WHERE principal_id = p AND budget_day = d AND scope IN ('*', wb)
    ORDER BY scope
    FOR UPDATE) counters
  WHERE (scope = '*' AND used < total_limit) OR (scope = wb AND used < shipment_limit);
  IF room < 2 THEN
    RETURN FALSE;
  END IF;
  UPDATE disclosure_budget SET used = used + 1
    WHERE principal_id = p AND budget_day = d AND scope IN ('*', wb);
  RETURN TRUE;
END
$$;
