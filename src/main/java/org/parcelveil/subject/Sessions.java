package org.parcelveil.subject;

import com.google.crypto.tink.subtle.AesGcmJce;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.parcelveil.access.Tokens;
import org.parcelveil.store.StoreException;
import org.parcelveil.vault.Phone;

/**
 * Short-lived subject sessions. The token ({@code pv_} and 256 random bits, shown once) is stored as its SHA-256;
 * the phone is sealed under a key derived from the token itself, so a stolen table reveals no one's number and
 * only the token's holder can unseal it.
 */
final class Sessions {
  private static final byte[] KEY_LABEL = "parcelveil/subject-session/v1".getBytes(StandardCharsets.US_ASCII);
  private final DataSource dataSource;

  Sessions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A new session for the phone; returns its token. */
  String create(Phone phone, Instant now, Duration ttl) {
    String token = Tokens.newToken();
    String hash = Tokens.hash(token);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO subject_sessions "
            + "(token_hash, phone_sealed, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, hash);
      ps.setBytes(2, cipher(token).encrypt(phone.reveal().getBytes(StandardCharsets.US_ASCII), ad(hash)));
      ps.setTimestamp(3, Timestamp.from(now));
      ps.setTimestamp(4, Timestamp.from(now.plus(ttl)));
      ps.executeUpdate();
      return token;
    } catch (SQLException e) {
      throw new StoreException("could not store the session", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not seal the session", e);
    }
  }

  /** The subject behind a live token. */
  Optional<Subject> resolve(String token, Instant now) {
    if (!Tokens.looksLikeToken(token)) {
      return Optional.empty();
    }
    String hash = Tokens.hash(token);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT phone_sealed FROM subject_sessions WHERE token_hash = ? AND expires_at > ?")) {
      ps.setString(1, hash);
      ps.setTimestamp(2, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        byte[] phone = cipher(token).decrypt(rs.getBytes(1), ad(hash));
        return Optional.of(new Subject("subject-" + hash.substring(0, 16),
            Phone.ofNormalised(new String(phone, StandardCharsets.US_ASCII))));
      }
    } catch (SQLException e) {
      throw new StoreException("could not read the session", e);
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** Deletes sessions that expired before {@code before}. */
  void purgeExpired(Instant before) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM subject_sessions WHERE expires_at < ?")) {
      ps.setTimestamp(1, Timestamp.from(before));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not purge sessions", e);
    }
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
