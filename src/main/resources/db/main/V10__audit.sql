-- The tamper-evident disclosure log (docs/audit.md). Plain tables and a one-row head: no engine-specific features,
-- so H2, PostgreSQL and PostgreSQL-compatible distributed SQL all run it.

-- The sequencer: appends lock this row (SELECT ... FOR UPDATE), so one writer at a time assigns indexes.
-- origin is the log's identity on its checkpoints, fixed by the first checkpoint.
CREATE TABLE audit_head (
  id          INT PRIMARY KEY,
  tree_size   BIGINT NOT NULL,
  root_hash   BYTEA,
  origin      VARCHAR(255),
  updated_us  BIGINT NOT NULL
);
INSERT INTO audit_head (id, tree_size, root_hash, origin, updated_us) VALUES (1, 0, NULL, NULL, 0);

-- One row per entry; the fields are the entry's canonical bytes, which are the Merkle leaf. No personal data.
-- tree_hashes holds the Merkle nodes this entry's append completed: its leaf hash (level 0), then level 1, 2, ...
-- as far as the index's trailing one bits reach. So node (level L, index i) sits in row ((i + 1) << L) - 1 at
-- offset 32 * L: every complete subtree is stored once, an append writes one row, and proofs and tiles read
-- O(log n) rows; nothing ever rescans the leaves.
CREATE TABLE audit_entries (
  idx             BIGINT PRIMARY KEY,
  at_us           BIGINT       NOT NULL,
  nonce           BYTEA        NOT NULL,
  action          VARCHAR(64)  NOT NULL,
  principal_id    VARCHAR(64)  NOT NULL,
  principal_role  VARCHAR(32)  NOT NULL,
  waybill         VARCHAR(64),
  party           VARCHAR(32),
  purpose         VARCHAR(32),
  ticket          VARCHAR(128),
  outcome         VARCHAR(8)   NOT NULL,
  reason          VARCHAR(200),
  tree_hashes     BYTEA        NOT NULL
);

-- Every checkpoint published, so that a new one is checked against the last before it is signed.
CREATE TABLE audit_checkpoints (
  tree_size     BIGINT PRIMARY KEY,
  root_hash     BYTEA         NOT NULL,
  note          VARCHAR(4000) NOT NULL,
  key_version   INT           NOT NULL,
  published_us  BIGINT        NOT NULL
);

-- The public key of every signing-key version that ever signed, so old checkpoints still verify after rotation.
CREATE TABLE audit_keys (
  key_version  INT PRIMARY KEY,
  vkey         VARCHAR(400) NOT NULL,
  first_us     BIGINT       NOT NULL
);
