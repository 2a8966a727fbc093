-- The checkpoint as its witnesses cosigned it (docs/audit.md, "Witnesses"): the signed note with a quorum's
-- cosignature/v1 lines appended, and when the quorum was reached. NULL while no quorum cosigned that checkpoint;
-- the log serves the newest row that has one.
ALTER TABLE audit_checkpoints ADD COLUMN cosigned_note TEXT;
ALTER TABLE audit_checkpoints ADD COLUMN cosigned_us BIGINT;
CREATE INDEX audit_checkpoints_cosigned ON audit_checkpoints (tree_size) WHERE cosigned_note IS NOT NULL;
