-- Marketplace verification (docs/verification.md). Neither table holds personal data: platforms and orders are
-- identified by the platform's principal id and its own order id, parcels by waybill.

-- The claim registry: the first order that passed verification of a waybill owns it; any other order fails the
-- claim check. The waybill is the primary key, so a claim is one conditional insert and two nodes cannot both win.
CREATE TABLE waybill_claims (
  waybill      VARCHAR(24) PRIMARY KEY,
  platform_id  VARCHAR(40) NOT NULL,
  order_id     VARCHAR(64) NOT NULL,
  claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every verification request and its verdict. The waybill is kept only when it is well formed (a platform may
-- pass on whatever a seller typed); flags lists the checks that did not pass, e.g. "claim:FAIL,weight:WARN".
-- The id is random, so inserts spread evenly on distributed SQL engines.
CREATE TABLE verification_requests (
  id           VARCHAR(32)  PRIMARY KEY,
  platform_id  VARCHAR(40)  NOT NULL,
  waybill      VARCHAR(24),
  order_id     VARCHAR(64)  NOT NULL,
  verdict      VARCHAR(16)  NOT NULL,
  flags        VARCHAR(200) NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX verification_requests_platform ON verification_requests (platform_id, created_at);
CREATE INDEX verification_requests_waybill ON verification_requests (waybill);
