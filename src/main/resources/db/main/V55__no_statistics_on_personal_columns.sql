-- ANALYZE keeps sample values of each column (most common values, histogram bounds) in pg_statistic. For columns
-- that hold ciphertext or blind indexes of personal data those samples would be copies that erasure and shredding
-- never reach, so no statistics are gathered for them: the planner uses defaults, which suits random values anyway.
ALTER TABLE shipments ALTER COLUMN sender_name SET STATISTICS 0;
ALTER TABLE shipments ALTER COLUMN sender_phone SET STATISTICS 0;
ALTER TABLE shipments ALTER COLUMN sender_street SET STATISTICS 0;
ALTER TABLE shipments ALTER COLUMN sender_detail SET STATISTICS 0;
ALTER TABLE shipments ALTER COLUMN sender_phone_idx SET STATISTICS 0;
ALTER TABLE shipments ALTER COLUMN recipient_name SET STATISTICS 0;
ALTER TABLE shipments ALTER COLUMN recipient_phone SET STATISTICS 0;
ALTER TABLE shipments ALTER COLUMN recipient_street SET STATISTICS 0;
ALTER TABLE shipments ALTER COLUMN recipient_detail SET STATISTICS 0;
ALTER TABLE shipments ALTER COLUMN recipient_phone_idx SET STATISTICS 0;
ALTER TABLE principals ALTER COLUMN phone_idx SET STATISTICS 0;
ALTER TABLE principals ALTER COLUMN phone_sealed SET STATISTICS 0;
ALTER TABLE subject_challenges ALTER COLUMN phone_idx SET STATISTICS 0;
ALTER TABLE subject_sessions ALTER COLUMN phone_sealed SET STATISTICS 0;
-- The newest erasure a scrub has covered: a retention run rewrites the tables that held erased data only when an
-- erasure or a shredded bucket is newer than this.
ALTER TABLE retention_runs ADD COLUMN scrubbed_through TIMESTAMP WITH TIME ZONE;
