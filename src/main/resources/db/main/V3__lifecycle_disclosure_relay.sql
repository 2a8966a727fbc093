-- Assignments: who picks up and who delivers, and since when (the delivery window counts from assignment).
ALTER TABLE shipments ADD COLUMN pickup_courier_id VARCHAR(40);
ALTER TABLE shipments ADD COLUMN delivery_courier_id VARCHAR(40);
ALTER TABLE shipments ADD COLUMN assigned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE shipments ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX shipments_delivery_courier ON shipments (delivery_courier_id);
CREATE INDEX shipments_pickup_courier ON shipments (pickup_courier_id);

-- Disclosure budgets: allowed reveals per principal per day, in total (scope '*') and per shipment (scope =
-- waybill). Counted in the database so that several nodes share one budget.
CREATE TABLE disclosure_budget (
  principal_id VARCHAR(40) NOT NULL,
  budget_day   DATE        NOT NULL,
  scope        VARCHAR(24) NOT NULL,
  used         INT         NOT NULL,
  PRIMARY KEY (principal_id, budget_day, scope)
);

-- Couriers' registered phones, as blind indexes only: enough to recognise the courier calling the relay.
ALTER TABLE principals ADD COLUMN phone_idx VARCHAR(48);

-- Relayed-call bindings: a pool number plus extension that reaches one party of one shipment, for one courier.
CREATE TABLE relay_bindings (
  id          VARCHAR(40) PRIMARY KEY,
  waybill     VARCHAR(24) NOT NULL,
  party       VARCHAR(12) NOT NULL,
  courier_id  VARCHAR(40) NOT NULL,
  number      VARCHAR(20) NOT NULL,
  extension   VARCHAR(4)  NOT NULL,
  opened_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  closes_at   TIMESTAMP WITH TIME ZONE,
  closed_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX relay_bindings_waybill ON relay_bindings (waybill);
CREATE INDEX relay_bindings_route ON relay_bindings (number, extension);
