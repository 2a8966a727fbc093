package org.parcelveil.soak;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.parcelveil.access.DisclosureLimits;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.http.HttpServer;
import org.parcelveil.http.HttpSettings;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.store.TestDatabases;
import org.parcelveil.tracking.Budget;
import org.parcelveil.tracking.TrackingSettings;
import org.parcelveil.verify.VerificationSettings;

/**
 * The real service for a soak, in this JVM so that its heap can be read: real stores, real Jetty on a loopback
 * port. Limits that would refuse the harness's few clients at soak rates are raised (reveal and verification
 * budgets; tracking sees one client per look-up); everything else runs with its defaults.
 */
public final class SoakService implements AutoCloseable {
  private final ParcelVeil pv;
  private final HttpServer server;
  private final String database;
  private final Path dir;

  private SoakService(ParcelVeil pv, HttpServer server, String database, Path dir) {
    this.pv = pv;
    this.server = server;
    this.database = database;
    this.dir = dir;
  }

  /** Starts the service on {@code embedded} (the default store, in its own data directory) or {@code postgres}. */
  public static SoakService start(String database) throws IOException {
    Path dir = Files.createTempDirectory("pv-soak-");
    // One courier reveals for the whole run: budgets far above the load measure the reveal path, not its refusal.
    // Tracking counts each recipient by the address a trusted proxy reports (the driver sends one per look-up, as
    // many recipients would), and the few harness platforms get budgets above the soak's rate.
    Settings s = Settings.defaults(dir).withHttp(new HttpSettings("127.0.0.1", 0, HttpSettings.DEFAULT_MAX_BODY))
        .withDisclosure(new DisclosureLimits(Duration.ofHours(12), 1_000_000_000, 1_000_000_000, 20, 2))
        .withTracking(TrackingSettings.DEFAULTS.withTrustedProxyHeader("X-Forwarded-For"))
        .withVerification(VerificationSettings.DEFAULTS.withPerPlatform(Budget.perMinute(1_000_000)));
    if (database.equals("postgres")) {
      s = s.withDatabase(TestDatabases.freshPostgres());
    } else if (!database.equals("embedded")) {
      throw new IllegalArgumentException("database must be embedded or postgres, was " + database);
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    ParcelVeil pv = ParcelVeil.open(s, Map.of(MasterKeySource.ENV, Base64.getEncoder().encodeToString(key)));
    try {
      return new SoakService(pv, pv.serve(), database, dir);
    } catch (RuntimeException e) {
      pv.close();
      throw e;
    }
  }

  public ParcelVeil pv() {
    return pv;
  }

  public int port() {
    return server.port();
  }

  public String database() {
    return database;
  }

  /** Bytes the store holds on disk now: the embedded store's whole directory (tables, indexes, WAL), or the PostgreSQL database's size. */
  public long storeBytes() {
    if (database.equals("postgres")) {
      try (Connection c = pv.database().connection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        return -1;
      }
    }
    try (Stream<Path> files = Files.walk(dir.resolve("pgdata"))) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Stops the service and deletes its data: a soak's database is large and of no use afterwards. */
  @Override
  public void close() {
    try {
      server.close();
      pv.close();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        System.err.println("could not delete " + dir + ": " + e);
      }
    }
  }
}
