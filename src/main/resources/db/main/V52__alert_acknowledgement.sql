-- Security staff acknowledge an alert they have looked at (console or POST /v1/alerts/{id}/acknowledge), so the
-- open ones stand out. Who and when only; the acknowledgement itself is audit-logged as alert.acknowledge.
ALTER TABLE leak_alerts ADD COLUMN acknowledged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE leak_alerts ADD COLUMN acknowledged_by VARCHAR(40);
