-- Leak defence (docs/leaks.md): canaries, alerts and attribution runs. No personal data in any of these tables.

-- Canary parcels: which shipments are canaries and where each was exposed (shipments.canary is set as well).
CREATE TABLE leak_canaries (
  waybill     VARCHAR(24) PRIMARY KEY,
  channel     VARCHAR(80) NOT NULL,
  created_by  VARCHAR(40) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX leak_canaries_channel ON leak_canaries (channel);

-- Small named values the feature keeps, e.g. the id of the internal merchant that creates canaries.
CREATE TABLE leak_state (
  state_key    VARCHAR(64)  PRIMARY KEY,
  state_value  VARCHAR(200) NOT NULL
);

-- Alerts raised by the detectors and canaries. detail names kinds, counts and thresholds, never personal data.
CREATE TABLE leak_alerts (
  id            VARCHAR(40)  PRIMARY KEY,
  severity      VARCHAR(12)  NOT NULL,
  kind          VARCHAR(40)  NOT NULL,
  principal_id  VARCHAR(40),
  waybill       VARCHAR(24),
  detail        VARCHAR(400) NOT NULL,
  at            TIMESTAMP WITH TIME ZONE NOT NULL,
  suspended_at  TIMESTAMP WITH TIME ZONE,
  suspended_by  VARCHAR(40)
);
CREATE INDEX leak_alerts_at ON leak_alerts (at);

-- Attribution runs: counts and the matched waybills only; the uploaded records themselves are never stored.
CREATE TABLE leak_attribution_runs (
  id            VARCHAR(40)  PRIMARY KEY,
  principal_id  VARCHAR(40)  NOT NULL,
  at            TIMESTAMP WITH TIME ZONE NOT NULL,
  records       INT          NOT NULL,
  matched       INT          NOT NULL,
  unmatched     INT          NOT NULL,
  top_suspect   VARCHAR(120),
  audit_index   BIGINT
);
CREATE TABLE leak_attribution_matches (
  run_id   VARCHAR(40) NOT NULL,
  waybill  VARCHAR(24) NOT NULL,
  PRIMARY KEY (run_id, waybill)
);

-- Attribution asks the log who revealed each matched shipment: an index by waybill keeps that a look-up.
CREATE INDEX audit_entries_waybill ON audit_entries (waybill);
