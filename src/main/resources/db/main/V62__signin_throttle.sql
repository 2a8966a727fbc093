-- Sign-in throttling (docs/console.md, "Security of the console").

-- Wrong second-factor codes are counted on their own: only a correct code (or a new password set through an
-- admin's one-time link) clears them, never a correct password. The old shared counter goes; password failures
-- are counted per sign-in name and client in web_signin_throttle below.
ALTER TABLE web_credentials ADD COLUMN totp_failures INT DEFAULT 0 NOT NULL;
ALTER TABLE web_credentials ADD COLUMN totp_locked_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE web_credentials DROP COLUMN failed_count;
ALTER TABLE web_credentials DROP COLUMN locked_until;

-- Failed password sign-ins per (sign-in name, client) and per sign-in name over all clients (client_key '*').
-- Keyed by the name tried, whether or not an account has it, so a made-up name is throttled exactly as a real one.
-- Both keys are keyed hashes (HMAC under key-store secrets): neither a name nor an address is stored. A row counts
-- the failures since window_start; a day later, when not locked, it starts again, and such rows are purged.
CREATE TABLE web_signin_throttle (
  name_key      VARCHAR(32)  NOT NULL,
  client_key    VARCHAR(32)  NOT NULL,
  failures      INT          NOT NULL,
  window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
  locked_until  TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (name_key, client_key)
);
CREATE INDEX web_signin_throttle_window ON web_signin_throttle (window_start);
