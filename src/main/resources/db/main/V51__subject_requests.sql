-- One-time codes that let a person prove control of a phone number. The phone appears only as its blind index,
-- the code only as a keyed MAC. Rows older than a day are deleted; they also serve as the per-phone rate limit.
CREATE TABLE subject_challenges (
  id          VARCHAR(40)  NOT NULL PRIMARY KEY,
  phone_idx   VARCHAR(48)  NOT NULL,
  code_mac    VARCHAR(64)  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  attempts    INT          DEFAULT 0 NOT NULL,
  used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX subject_challenges_phone ON subject_challenges (phone_idx, created_at);
CREATE INDEX subject_challenges_created ON subject_challenges (created_at);

-- Short-lived subject sessions. The token is stored as its SHA-256; the phone is sealed under a key derived from
-- the token, so the table alone says nothing about whose session it is.
CREATE TABLE subject_sessions (
  token_hash   VARCHAR(64) NOT NULL PRIMARY KEY,
  phone_sealed BYTEA       NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX subject_sessions_expiry ON subject_sessions (expires_at);
