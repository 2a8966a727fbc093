-- After-sales relay for sealed shipments (docs/sealed-orders.md): a merchant may open a relay binding to the buyer
-- of its own sealed shipment, within a daily budget in all (scope '*') and per shipment (scope = waybill). Kept apart
-- from disclosure_budget: a relayed call is not a reveal, and the two budgets must never be spent from each other.
CREATE TABLE relay_budget (
  principal_id VARCHAR(40) NOT NULL,
  budget_day   DATE        NOT NULL,
  scope        VARCHAR(24) NOT NULL,
  used         INT         NOT NULL,
  PRIMARY KEY (principal_id, budget_day, scope)
);

-- Spends one binding from both counters or from neither, in one round trip (as pv_spend_disclosure, V54).
CREATE FUNCTION pv_spend_relay(p VARCHAR, d DATE, wb VARCHAR, total_limit INT, shipment_limit INT)
RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
  room INT;
BEGIN
  INSERT INTO relay_budget (principal_id, budget_day, scope, used)
    VALUES (p, d, '*', 0), (p, d, wb, 0)
    ON CONFLICT DO NOTHING;
  -- Locked in scope order ('*' first), so two nodes spending for one merchant queue instead of deadlocking.
  SELECT count(*) INTO room FROM (
    SELECT scope, used FROM relay_budget
    WHERE principal_id = p AND budget_day = d AND scope IN ('*', wb)
    ORDER BY scope
    FOR UPDATE) counters
  WHERE (scope = '*' AND used < total_limit) OR (scope = wb AND used < shipment_limit);
  IF room < 2 THEN
    RETURN FALSE;
  END IF;
  UPDATE relay_budget SET used = used + 1
    WHERE principal_id = p AND budget_day = d AND scope IN ('*', wb);
  RETURN TRUE;
END
$$;
