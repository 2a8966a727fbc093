-- Stations and hubs of the network. Their areas decide sort codes and who serves a district.
CREATE TABLE stations (
  code        VARCHAR(32)  PRIMARY KEY,
  name        VARCHAR(100) NOT NULL,
  kind        VARCHAR(8)   NOT NULL,
  province    VARCHAR(32)  NOT NULL,
  city        VARCHAR(32)  NOT NULL,
  district    VARCHAR(32)  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX stations_area ON stations (province, city, district);

-- Accounts. Tokens are stored only as SHA-256 hashes.
CREATE TABLE principals (
  id           VARCHAR(40)  PRIMARY KEY,
  role         VARCHAR(16)  NOT NULL,
  name         VARCHAR(100) NOT NULL,
  station_code VARCHAR(32),
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at   TIMESTAMP WITH TIME ZONE
);

CREATE TABLE api_tokens (
  token_hash   VARCHAR(64) PRIMARY KEY,
  principal_id VARCHAR(40) NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX api_tokens_principal ON api_tokens (principal_id);

-- Shipments: areas in clear (sorting and verification need them), personal data as per-field ciphertext,
-- phones as blind indexes. The waybill is random, so the primary key shards evenly.
CREATE TABLE shipments (
  waybill              VARCHAR(24) PRIMARY KEY,
  merchant_id          VARCHAR(40) NOT NULL,
  reference            VARCHAR(64) NOT NULL,
  state                VARCHAR(20) NOT NULL,
  origin_province      VARCHAR(32) NOT NULL,
  origin_city          VARCHAR(32) NOT NULL,
  origin_district      VARCHAR(32) NOT NULL,
  dest_province        VARCHAR(32) NOT NULL,
  dest_city            VARCHAR(32) NOT NULL,
  dest_district        VARCHAR(32) NOT NULL,
  sort_code            VARCHAR(70) NOT NULL,
  weight_grams         INT NOT NULL,
  length_cm            INT,
  width_cm             INT,
  height_cm            INT,
  cod_cents            BIGINT,
  cod_currency         VARCHAR(3),
  retention_day        DATE NOT NULL,
  created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  shredded_at          TIMESTAMP WITH TIME ZONE,
  canary               BOOLEAN DEFAULT FALSE NOT NULL,
  sender_name          BYTEA NOT NULL,
  sender_phone         BYTEA NOT NULL,
  sender_street        BYTEA,
  sender_detail        BYTEA NOT NULL,
  sender_phone_idx     VARCHAR(48) NOT NULL,
  recipient_name       BYTEA NOT NULL,
  recipient_phone      BYTEA NOT NULL,
  recipient_street     BYTEA,
  recipient_detail     BYTEA NOT NULL,
  recipient_phone_idx  VARCHAR(48) NOT NULL
);
CREATE INDEX shipments_merchant ON shipments (merchant_id, created_at);
CREATE INDEX shipments_recipient_phone ON shipments (recipient_phone_idx);
CREATE INDEX shipments_sender_phone ON shipments (sender_phone_idx);
CREATE INDEX shipments_retention ON shipments (retention_day);

-- Scan events, in order per shipment; who made each one is kept for the fraud checks.
CREATE TABLE shipment_events (
  waybill       VARCHAR(24) NOT NULL,
  seq           INT         NOT NULL,
  type          VARCHAR(20) NOT NULL,
  station_code  VARCHAR(32),
  courier_id    VARCHAR(40),
  principal_id  VARCHAR(40) NOT NULL,
  weight_grams  INT,
  at            TIMESTAMP WITH TIME ZONE NOT NULL,
  recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (waybill, seq)
);

-- Idempotency keys of shipment creation: the same key and body give the same shipment.
CREATE TABLE idempotency_keys (
  merchant_id  VARCHAR(40) NOT NULL,
  idem_key     VARCHAR(128) NOT NULL,
  request_hash VARCHAR(64) NOT NULL,
  waybill      VARCHAR(24) NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (merchant_id, idem_key)
);
