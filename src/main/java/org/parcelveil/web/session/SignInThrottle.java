package org.parcelveil.web.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.Sql;
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

  private static final String UPDATE_FAILED = "could not update the sign-in throttle";
  private static final RowMapper<Keyed> KEYED = (rs, ctx) -> {
    Timestamp locked = rs.getTimestamp("locked_until");
    return new Keyed(rs.getString("client_key"), new Row(rs.getInt("failures"),
        rs.getTimestamp("window_start").toInstant(), locked == null ? null : locked.toInstant()));
  };

  private final Sql sql;
  private final Lockout perClient;
  private final Lockout perName;
  private final SecretKeySpec nameKey;
  private final ThreadLocal<Mac> macs;
  private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

  SignInThrottle(DataSource dataSource, Lockout perClient, Lockout perName, byte[] nameKey) {
    this.sql = Sql.over(dataSource);
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
    return sql.inTransaction("could not count a sign-in attempt", h -> charge(h, name, client, now));
  }

  private @Nullable Charge charge(Handle h, String name, String client, Instant now) {
    // Locks the name's row and the pair's: concurrent attempts on one name take their turns here.
    Row all = null;
    Row pair = null;
    List<Keyed> rows = h.createQuery("SELECT client_key, failures, window_start, locked_until "
            + "FROM web_signin_throttle WHERE name_key = :name AND client_key IN (:everyClient, :client) FOR UPDATE")
        .bind("name", name).bind("everyClient", EVERY_CLIENT).bind("client", client)
        .map(KEYED).list();
    for (Keyed k : rows) {
      Row r = k.row().restartedAt(now);
      if (k.clientKey().equals(EVERY_CLIENT)) {
        all = r;
      } else {
        pair = r;
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
    write(h, name, client, pair.failures() + 1, pair.windowStart(), pairLock);
    write(h, name, EVERY_CLIENT, all.failures() + 1, all.windowStart(), nameLock);
    return new Charge(null, later(pairLock, nameLock));
  }

  /**
   * Takes back the charge of an attempt whose password was right: the pair starts again; the name's count over all
   * clients drops by this attempt, and its lock goes if the count is below the ceiling again.
   */
  void succeeded(String name, String client) {
    sql.useHandle(UPDATE_FAILED, h -> h.createUpdate("UPDATE web_signin_throttle SET failures = 0, "
            + "locked_until = NULL WHERE name_key = :name AND client_key = :client")
        .bind("name", name).bind("client", client)
        .execute());
    sql.useHandle(UPDATE_FAILED, h -> h.createUpdate("UPDATE web_signin_throttle SET failures = failures - 1, "
            + "locked_until = CASE WHEN failures - 1 < " + perName.freeAttempts() + " THEN NULL ELSE locked_until END "
            + "WHERE name_key = :name AND client_key = :client AND failures > 0")
        .bind("name", name).bind("client", EVERY_CLIENT)
        .execute());
  }

  /** A throttle row as read, with the client it counts ({@link #EVERY_CLIENT} for the name's own). */
  private record Keyed(String clientKey, Row row) {}

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
    try {
      sql.useHandle("could not count a sign-in attempt", h -> h.createUpdate("INSERT INTO web_signin_throttle "
              + "(name_key, client_key, failures, window_start, locked_until) SELECT :name, :client, 0, :now, NULL "
              + "WHERE NOT EXISTS (SELECT 1 FROM web_signin_throttle WHERE name_key = :name AND client_key = :client)")
          .bind("name", name).bind("client", client).bind("now", now)
          .execute());
    } catch (DuplicateKeyException madeMeanwhile) {
      // Another request made the row between the check and the insert: it is there either way.
    }
  }

  private static void write(Handle h, String name, String client, int failures, Instant windowStart,
      @Nullable Instant lockedUntil) {
    h.createUpdate("UPDATE web_signin_throttle SET failures = :failures, window_start = :windowStart, "
            + "locked_until = :lockedUntil WHERE name_key = :name AND client_key = :client")
        .bind("failures", failures).bind("windowStart", windowStart)
        .bindByType("lockedUntil", lockedUntil, Instant.class).bind("name", name).bind("client", client)
        .execute();
  }

  /** Forgets, at most hourly per node, the rows whose day is over and whose lock (if any) has passed. */
  private void purgeNow(Instant now) {
    Instant last = lastPurge.get();
    if (last.plus(Duration.ofHours(1)).isAfter(now) || !lastPurge.compareAndSet(last, now)) {
      return;
    }
    sql.useHandle(UPDATE_FAILED, h -> h.createUpdate("DELETE FROM web_signin_throttle WHERE window_start < :dayAgo "
            + "AND (locked_until IS NULL OR locked_until < :now)")
        .bind("dayAgo", now.minus(WINDOW)).bind("now", now)
        .execute());
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
