-- Outgoing webhook calls not yet acknowledged by their receiver. A row is written in the transaction that makes
-- the event (an alert), so an event is never stored without its call nor the other way round; the delivery job
-- sends it until the receiver answers 2xx. The payload only names the event (e.g. {"alertId": "al_..."}): the body
-- is built from the event's own row when sent, so this table holds no copy of anything, personal data least of all.
CREATE TABLE webhook_outbox (
  id               VARCHAR(40)  PRIMARY KEY,            -- the event id, sent as X-PV-Event-Id on every attempt
  target           VARCHAR(40)  NOT NULL,               -- which webhook: 'alerts'
  payload          VARCHAR(400) NOT NULL,
  attempts         INT          NOT NULL DEFAULT 0,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,   -- also the lease of the node sending it now
  last_outcome     VARCHAR(40),                         -- an HTTP status or an exception class name, never a body
  delivered_at     TIMESTAMP WITH TIME ZONE,
  abandoned_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (target, next_attempt_at);
CREATE INDEX webhook_outbox_done ON webhook_outbox (delivered_at);
