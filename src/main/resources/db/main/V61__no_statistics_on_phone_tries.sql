-- Keyed hashes of phones tried against a parcel: no samples of them in pg_statistic (see V55).
ALTER TABLE verification_phone_tries ALTER COLUMN fingerprint SET STATISTICS 0;
