-- Pickup codes and delivery PINs (the pickup feature, docs/pickup.md): one live code of each kind per parcel, kept
-- only as a keyed MAC (never the code, never the phone), with its expiry, the tries spent on it and when it was used.
-- Issuing a new code (re-shelving the parcel) replaces the row, and with it the tries.
CREATE TABLE pickup_codes (
  waybill     VARCHAR(24)  NOT NULL,
  kind        VARCHAR(10)  NOT NULL,
  code_mac    VARCHAR(64)  NOT NULL,
  key_version INT          NOT NULL,
  issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  tries       INT          NOT NULL DEFAULT 0,
  used_at     TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (waybill, kind),
  CONSTRAINT pickup_codes_kind_known CHECK (kind IN ('PICKUP', 'PIN'))
);

-- Wrong codes per staff member and day: a desk trying one guess across many parcels is stopped after a few, not
-- after a few per parcel.
CREATE TABLE pickup_staff_misses (
  principal_id VARCHAR(40) NOT NULL,
  day          DATE        NOT NULL,
  misses       INT         NOT NULL,
  PRIMARY KEY (principal_id, day)
);

-- On Citus: a parcel's codes on its shipment's shard (every statement names the waybill); the misses by
-- principal, co-located with disclosure_budget (every statement names the principal).
INSERT INTO pv_citus_placement (position, table_name, placement, distribution_column, colocate_with) VALUES
  (145, 'pickup_codes', 'distributed', 'waybill', 'shipments'),
  (146, 'pickup_staff_misses', 'distributed', 'principal_id', 'disclosure_budget');
SELECT pv_distribute_on_citus();
