package org.parcelveil.subject;

import com.google.crypto.tink.subtle.AesGcmJce;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.parcelveil.access.Tokens;
import org.parcelveil.store.Sql;
import org.parcelveil.vault.Phone;

/**
 * Short-lived subject sessions. The token ({@code pv_} and 256 random bits, shown once) is stored as its SHA-256;
 * the phone is sealed under a key derived from the token itself, so a stolen table reveals no one's number and
 * only the token's holder can unseal it.
 */
final class Sessions {
  private static final byte[] KEY_LABEL = "parcelveil/subject-session/v1".getBytes(StandardCharsets.US_ASCII);
  private final Sql sql;

  Sessions(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** A new session for the phone; returns its token. */
  String create(Phone phone, Instant now, Duration ttl) {
    String token = Tokens.newToken();
    String hash = Tokens.hash(token);
    byte[] sealed;
    try {
      sealed = cipher(token).encrypt(phone.reveal().getBytes(StandardCharsets.US_ASCII), ad(hash));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not seal the session", e);
    }
    sql.useHandle("could not store the session", h -> h.createUpdate("INSERT INTO subject_sessions "
            + "(token_hash, phone_sealed, created_at, expires_at) VALUES (:hash, :sealed, :now, :expires)")
        .bind("hash", hash).bind("sealed", sealed).bind("now", now).bind("expires", now.plus(ttl))
        .execute());
    return token;
  }

  /** The subject behind a live token. */
  Optional<Subject> resolve(String token, Instant now) {
    if (!Tokens.looksLikeToken(token)) {
      return Optional.empty();
    }
    String hash = Tokens.hash(token);
    Optional<byte[]> sealed = sql.withHandle("could not read the session", h -> h.createQuery(
            "SELECT phone_sealed FROM subject_sessions WHERE token_hash = :hash AND expires_at > :now")
        .bind("hash", hash).bind("now", now)
        .mapTo(byte[].class).findFirst());
    if (sealed.isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] phone = cipher(token).decrypt(sealed.get(), ad(hash));
      return Optional.of(new Subject("subject-" + hash.substring(0, 16),
          Phone.ofNormalised(new String(phone, StandardCharsets.US_ASCII))));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** Ends the session of {@code token} now (signing out); nothing happens for a token that is not one. */
  void end(String token) {
    if (!Tokens.looksLikeToken(token)) {
      return;
    }
    sql.useHandle("could not end the session", h -> h.createUpdate(
            "DELETE FROM subject_sessions WHERE token_hash = :hash")
        .bind("hash", Tokens.hash(token))
        .execute());
  }

  /** Deletes sessions that expired before {@code before}. */
  void purgeExpired(Instant before) {
    sql.useHandle("could not purge sessions", h -> h.createUpdate(
            "DELETE FROM subject_sessions WHERE expires_at < :before")
        .bind("before", before)
        .execute());
  }

  private static AesGcmJce cipher(String token) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    return new AesGcmJce(mac.doFinal(KEY_LABEL));
  }

  private static byte[] ad(String hash) {
    return hash.getBytes(StandardCharsets.US_ASCII);
  }
}
