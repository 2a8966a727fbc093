-- Attribution bounds (docs/leaks.md): a run past them is held until an admin other than its requester approves it,
-- so its result is kept (suspects, channels, scores, aggregate evidence: no personal data) and released later.
ALTER TABLE leak_attribution_runs ADD COLUMN status VARCHAR(12) DEFAULT 'released' NOT NULL;
ALTER TABLE leak_attribution_runs ADD COLUMN hold_reason VARCHAR(20);
ALTER TABLE leak_attribution_runs ADD COLUMN result VARCHAR(65535);
ALTER TABLE leak_attribution_runs ADD COLUMN approved_by VARCHAR(40);
ALTER TABLE leak_attribution_runs ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX leak_attribution_runs_pending ON leak_attribution_runs (status, at);

-- Each principal's attribution of the day (UTC): records uploaded and records matched by runs released without an
-- approval. Counted in the audit log's transaction, so every node spends from the same row.
CREATE TABLE leak_attribution_spend (
  principal_id  VARCHAR(40) NOT NULL,
  spend_day     DATE        NOT NULL,
  records       INT         NOT NULL,
  matched       INT         NOT NULL,
  PRIMARY KEY (principal_id, spend_day)
);
