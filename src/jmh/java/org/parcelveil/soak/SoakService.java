package org.parcelveil.soak;

import java.io.IOException;
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

/**
 * The real service for a soak, in this JVM so that its heap can be read: real stores, real Jetty on a loopback
 * port. Limits that would refuse a single harness client at soak rates are raised (reveal budgets); everything
 * else runs with its defaults.
 */
public final class SoakService implements AutoCloseable {
  private final ParcelVeil pv;
  private final HttpServer server;
  private final String database;

  private SoakService(ParcelVeil pv, HttpServer server, String database) {
    this.pv = pv;
    this.server = server;
    this.database = database;
  }

  /** Starts the service on {@code h2} (a file database, the default) or {@code postgres} (embedded, real server). */
  public static SoakService start(String database) throws IOException {
    Path dir = Files.createTempDirectory("pv-soak-");
    // One courier reveals for the whole run: budgets far above the load measure the reveal path, not its refusal.
    Settings s = Settings.defaults(dir).withHttp(new HttpSettings("127.0.0.1", 0, HttpSettings.DEFAULT_MAX_BODY))
        .withDisclosure(new DisclosureLimits(Duration.ofHours(12), 1_000_000_000, 1_000_000_000, 20, 2));
    if (database.equals("postgres")) {
      s = s.withDatabase(TestDatabases.freshPostgres());
    } else if (!database.equals("h2")) {
      throw new IllegalArgumentException("database must be h2 or postgres, was " + database);
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    ParcelVeil pv = ParcelVeil.open(s, Map.of(MasterKeySource.ENV, Base64.getEncoder().encodeToString(key)));
    try {
      return new SoakService(pv, pv.serve(), database);
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

  @Override
  public void close() {
    server.close();
    pv.close();
  }
}
