-- No sample of wrapped key material in pg_statistic, where destroying a key would not reach it.
ALTER TABLE key_material ALTER COLUMN material SET STATISTICS 0;
