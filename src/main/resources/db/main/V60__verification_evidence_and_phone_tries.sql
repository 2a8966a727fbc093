-- Marketplace verification (docs/verification.md): claims carry the strength of their evidence, and each parcel
-- has a small, shared budget of distinct phones compared with its recipient.

-- 1 = areas only (provisional: a later order whose recipient's phone matches takes the number), 2 = the recipient's
-- phone matched. 3 is kept for an order bound to the waybill when the shipment is created. Claims made before this
-- column existed are counted as areas only: taking one over still needs the recipient's phone.
ALTER TABLE waybill_claims ADD COLUMN evidence SMALLINT DEFAULT 1 NOT NULL;

-- The distinct phones ever compared with a parcel's recipient, one slot each. (waybill, slot) is the key and slots
-- are taken in order from 1, so racing requests on any number of nodes cannot take more slots than the cap; a phone
-- tried again finds its fingerprint and takes none. The fingerprint is a keyed hash of the phone bound to this
-- waybill (BlindIndex.allBoundTo): it matches no shipment's index and cannot be tested without the key.
CREATE TABLE verification_phone_tries (
  waybill      VARCHAR(24) NOT NULL,
  slot         SMALLINT    NOT NULL,
  fingerprint  VARCHAR(40) NOT NULL,
  tried_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (waybill, slot),
  CONSTRAINT verification_phone_tries_once UNIQUE (waybill, fingerprint)
);
