-- The web console's sign-in (docs/console.md). Secrets are stored only as hashes or sealed: a stolen database
-- gives no session, no password and no second factor.

-- A person's console credentials: the sign-in name they chose, an Argon2id password hash (PHC string), the TOTP
-- secret sealed with a key from the key store (and the last step used, so a code works once), and the
-- failed-attempt counter that drives the lock-out back-off.
CREATE TABLE web_credentials (
  principal_id   VARCHAR(40)  PRIMARY KEY,
  login          VARCHAR(40)  NOT NULL,
  password_hash  VARCHAR(200),
  totp_sealed    BYTEA,
  totp_enabled   BOOLEAN      NOT NULL,
  totp_last_step BIGINT       NOT NULL,
  failed_count   INT          NOT NULL,
  locked_until   TIMESTAMP WITH TIME ZONE,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX web_credentials_login ON web_credentials (login);

-- One-time links to set a password, made by an admin. Only the SHA-256 of the link's token is kept.
CREATE TABLE web_setup_links (
  token_hash    VARCHAR(64)  PRIMARY KEY,
  principal_id  VARCHAR(40)  NOT NULL,
  created_by    VARCHAR(40)  NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  used_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX web_setup_links_principal ON web_setup_links (principal_id);

-- Console sessions. The id is 256 random bits held by the browser only; the table keeps its SHA-256.
-- stage: PASSWORD (second factor still owed) or FULL.
CREATE TABLE web_sessions (
  id_hash       VARCHAR(64)  PRIMARY KEY,
  principal_id  VARCHAR(40)  NOT NULL,
  stage         VARCHAR(12)  NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX web_sessions_principal ON web_sessions (principal_id);

-- Nonces of one-time forms (a reveal): a nonce is accepted once, so a reloaded reveal page shows nothing again.
-- Only hashes; rows older than a day are purged.
CREATE TABLE web_used_nonces (
  nonce_hash  VARCHAR(64)  PRIMARY KEY,
  used_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
