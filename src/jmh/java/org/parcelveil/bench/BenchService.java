package org.parcelveil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.http.HttpServer;
import org.parcelveil.http.HttpSettings;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.scale.PostgresServers;
import org.parcelveil.store.PrivateFiles;

/**
 * The real service on loopback for a load driver: a temporary data directory, the embedded store or (kind
 * {@code postgres}) a PostgreSQL server of its own, durable as in production (the test suite's shared one commits
 * without waiting for the disk), so that every commit costs here what it costs there; a fresh master key. Closing it
 * stops the service and the server and deletes the directory.
 */
record BenchService(Path dir, PostgresServers postgres, ParcelVeil pv, HttpServer server) implements AutoCloseable {

  static BenchService start(String kind, String prefix, UnaryOperator<Settings> tune) throws Exception {
    Path dir = Files.createTempDirectory(prefix);
    Settings s = tune.apply(Settings.defaults(dir).withHttp(new HttpSettings("127.0.0.1", 0, 64L << 20)));
    PostgresServers postgres = kind.equals("postgres") ? PostgresServers.start(1) : null;
    ParcelVeil pv = null;
    try {
      if (postgres != null) {
        s = s.withDatabase(postgres.settings(0));
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      pv = ParcelVeil.open(s, Map.of(MasterKeySource.ENV, Base64.getEncoder().encodeToString(key)));
      return new BenchService(dir, postgres, pv, pv.serve());
    } catch (Exception e) {
      if (pv != null) {
        pv.close();
      }
      if (postgres != null) {
        postgres.close();
      }
      PrivateFiles.deleteTree(dir);
      throw e;
    }
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
      pv.close();
    } finally {
      if (postgres != null) {
        postgres.close();
      }
      PrivateFiles.deleteTree(dir);
    }
  }
}
