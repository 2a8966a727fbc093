package org.parcelveil.web.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Dialect;
import org.parcelveil.store.StoreException;

/**
 * Failed password sign-ins, counted in the database (so every node agrees) per sign-in name and client, with
 * back-off, and per name over all clients with a much higher ceiling. The name tried is the key whether or not an
 * account has it, so a made-up name is throttled exactly as a real one; and one client's failures never lock out
 * another, unless many clients together pass the ceiling. Names are stored only as keyed hashes.
 */
final class SignInThrottle {
  /** The client key of a name's row over all clients. */
  static final String EVERY_CLIENT = "*";
  /** How long a row counts failures before it starts again (when not locked). */
  static final Duration WINDOW = Duration.ofHours(24);

  private final DataSource dataSource;
  private final Lockout perClient;
  private final Lockout perName;
  private final SecretKeySpec nameKey;
  private final ThreadLocal<Mac> macs;
  private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

  SignInThrottle(DataSource dataSource, Lockout perClient, Lockout perName, byte[] nameKey) {
    this.dataSource = dataSource;
    this.perClient = perClient;
    this.perName = perName;
    this.nameKey = new SecretKeySpec(nameKey, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /** The stored key of a sign-in name as typed (after trimming and lower-casing). */
  String keyOf(String name) {
    byte[] mac = macs.get().doFinal(name.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, 16));
  }

  /**
   * Counts one attempt of {@code name} from {@code client} as failed before its password is checked; refused
   * without counting while either the pair or the name is locked.
   */
  Charge charge(String name, String client, Instant now) {
    purgeNow(now);
    for (int tries = 0; tries < 3; tries++) {
      ensureRow(name, client, now);
      ensureRow(name, EVERY_CLIENT, now);
      Charge charge = chargeExisting(name, client, now);
      if (charge != null) {
        return charge;
      }
    }
    throw new StoreException("sign-in throttle rows kept vanishing", null);
  }

  /** The charge, or null if a purge on another node removed a row just made (then it is made again). */
  private @Nullable Charge chargeExisting(String name, String client, Instant now) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Charge charge = charge(c, name, client, now);
        c.commit();
        return charge;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not count a sign-in attempt", e);
    }
  }

  private @Nullable Charge charge(Connection c, String name, String client, Instant now) throws SQLException {
    // Locks the name's row and the pair's: concurrent attempts on one name take their turns here.
    Row all = null;
    Row pair = null;
    try (PreparedStatement ps = c.prepareStatement("SELECT client_key, failures, window_start, locked_until "
        + "FROM web_signin_throttle WHERE name_key = ? AND client_key IN (?, ?) FOR UPDATE")) {
      ps.setString(1, name);
      ps.setString(2, EVERY_CLIENT);
      ps.setString(3, client);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp locked = rs.getTimestamp(4);
          Row r = new Row(rs.getInt(2), rs.getTimestamp(3).toInstant(), locked == null ? null : locked.toInstant())
              .restartedAt(now);
          if (rs.getString(1).equals(EVERY_CLIENT)) {
            all = r;
          } else {
            pair = r;
          }
        }
      }
    }
    if (all == null || pair == null) {
      return null;
    }
    Instant running = later(all.lockedAt(now), pair.lockedAt(now));
    if (running != null) {
      return Charge.locked(running);
    }
    Instant pairLock = Charge.lockAfter(perClient, pair.failures() + 1, now);
    Instant nameLock = Charge.lockAfter(perName, all.failures() + 1, now);
    write(c, name, client, pair.failures() + 1, pair.windowStart(), pairLock);
    write(c, name, EVERY_CLIENT, all.failures() + 1, all.windowStart(), nameLock);
    return new Charge(null, later(pairLock, nameLock));
  }

  /**
   * Takes back the charge of an attempt whose password was right: the pair starts again; the name's count over all
   * clients drops by this attempt, and its lock goes if the count is below the ceiling again.
   */
  void succeeded(String name, String client) {
    update("UPDATE web_signin_throttle SET failures = 0, locked_until = NULL WHERE name_key = ? AND client_key = ?",
        name, client);
    update("UPDATE web_signin_throttle SET failures = failures - 1, locked_until = CASE WHEN failures - 1 < "
        + perName.freeAttempts() + " THEN NULL ELSE locked_until END WHERE name_key = ? AND client_key = ? "
        + "AND failures > 0", name, EVERY_CLIENT);
  }

  private record Row(int failures, Instant windowStart, @Nullable Instant lockedUntil) {
    @Nullable Instant lockedAt(Instant now) {
      return lockedUntil != null && lockedUntil.isAfter(now) ? lockedUntil : null;
    }

    /** A day's count ends with its day, but never while a lock is running. */
    Row restartedAt(Instant now) {
      boolean over = !windowStart.plus(WINDOW).isAfter(now) && lockedAt(now) == null;
      return over ? new Row(0, now, null) : this;
    }
  }

  private static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private void ensureRow(String name, String client, Instant now) {
    // A separate statement before the transaction: PostgreSQL aborts a transaction at a duplicate key.
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO web_signin_throttle (name_key, client_key, failures, "
            + "window_start, locked_until) SELECT ?, ?, 0, ?, NULL WHERE NOT EXISTS (SELECT 1 FROM web_signin_throttle "
            + "WHERE name_key = ? AND client_key = ?)")) {
      ps.setString(1, name);
      ps.setString(2, client);
      ps.setTimestamp(3, Timestamp.from(now));
      ps.setString(4, name);
      ps.setString(5, client);
      ps.executeUpdate();
    } catch (SQLException e) {
      if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new StoreException("could not count a sign-in attempt", e);
      }
    }
  }

  private static void write(Connection c, String name, String client, int failures, Instant windowStart,
      @Nullable Instant lockedUntil) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE web_signin_throttle SET failures = ?, window_start = ?, "
        + "locked_until = ? WHERE name_key = ? AND client_key = ?")) {
      ps.setInt(1, failures);
      ps.setTimestamp(2, Timestamp.from(windowStart));
      ps.setTimestamp(3, lockedUntil == null ? null : Timestamp.from(lockedUntil));
      ps.setString(4, name);
      ps.setString(5, client);
      ps.executeUpdate();
    }
  }

  /** Forgets, at most hourly per node, the rows whose day is over and whose lock (if any) has passed. */
  private void purgeNow(Instant now) {
    Instant last = lastPurge.get();
    if (last.plus(Duration.ofHours(1)).isAfter(now) || !lastPurge.compareAndSet(last, now)) {
      return;
    }
    update("DELETE FROM web_signin_throttle WHERE window_start < ? AND (locked_until IS NULL OR locked_until < ?)",
        Timestamp.from(now.minus(WINDOW)), Timestamp.from(now));
  }

  private void update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not update the sign-in throttle", e);
    }
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(nameKey);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "SignInThrottle[" + perClient + ", " + perName + "]";
  }
}
