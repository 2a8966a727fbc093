-- Tracking webhooks (docs/webhooks.md): merchants and platforms subscribe a URL to the events of their shipments;
-- a relay job follows shipment_events and owes each subscription a call in webhook_outbox, which the delivery job
-- of V72 sends. Nothing here holds personal data: URLs are the subscriber's own, secrets are sealed under the
-- key store's keyset webhook-secrets, and the outbox and its attempts hold waybills, event types, station codes,
-- times and outcomes only.
CREATE TABLE webhook_subscriptions (
  id          VARCHAR(40)  PRIMARY KEY,                 -- whs_...: random
  owner_id    VARCHAR(40)  NOT NULL,                    -- the merchant or platform principal
  owner_role  VARCHAR(20)  NOT NULL,                    -- merchant: its own shipments; platform: from its orders
  url         VARCHAR(2000) NOT NULL,
  secret      BYTEA        NOT NULL,                    -- AEAD ciphertext, associated data names the id
  events      VARCHAR(200) NOT NULL,                    -- event types, space-separated: 'shipment.event'
  waybill     VARCHAR(24),                              -- only this shipment's events, or NULL for all
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhook_subscriptions_owner ON webhook_subscriptions (owner_id, created_at);

-- A subscription's calls carry it, for its delivery log; the relay's key (subscription, waybill, event number)
-- is unique, so a window read twice, or by two nodes, owes each call once. Alert calls leave both NULL.
ALTER TABLE webhook_outbox ADD COLUMN subscription_id VARCHAR(40);
ALTER TABLE webhook_outbox ADD COLUMN dedup_key VARCHAR(120);
CREATE UNIQUE INDEX webhook_outbox_dedup ON webhook_outbox (dedup_key);
CREATE INDEX webhook_outbox_subscription ON webhook_outbox (subscription_id, created_at);

-- Every settled try of an outbox call: when, and its HTTP status or error class (never a body).
CREATE TABLE webhook_attempts (
  call_id   VARCHAR(40) NOT NULL,
  attempt   INT         NOT NULL,
  at        TIMESTAMP WITH TIME ZONE NOT NULL,
  outcome   VARCHAR(40) NOT NULL,
  PRIMARY KEY (call_id, attempt)
);

-- How far the relay has followed shipment_events, by recorded time; its row lock is also the relay's turn, so
-- one node relays at a time. It starts now: events recorded before this migration are never sent.
CREATE TABLE webhook_relay_cursor (
  name      VARCHAR(40) PRIMARY KEY,
  position  TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO webhook_relay_cursor (name, position) VALUES ('shipment.event', now());

-- The relay reads events by recorded time. A BRIN index (one summary per range of pages) fits an append-only table
-- written in time order, and costs a scan almost nothing: an insert into a page range not yet summarised (the
-- newest ones, until VACUUM summarises them) touches no index page at all; a B-tree would add a page write to
-- every scan.
CREATE INDEX shipment_events_recorded ON shipment_events USING brin (recorded_at);

INSERT INTO pv_citus_placement (position, table_name, placement, distribution_column, colocate_with) VALUES
  (125, 'webhook_subscriptions', 'reference', NULL, NULL),
  (126, 'webhook_attempts', 'reference', NULL, NULL),
  (127, 'webhook_relay_cursor', 'reference', NULL, NULL);
SELECT pv_distribute_on_citus();
