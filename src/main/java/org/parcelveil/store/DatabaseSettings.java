package org.parcelveil.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a database lives: a PostgreSQL JDBC URL with its credentials, or the embedded store in a data directory.
 * The password never appears in {@link #toString()}.
 */
public record DatabaseSettings(String url, String user, String password) {
  private static final String EMBEDDED = "embedded:";

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  /** The embedded store (PostgreSQL run by the service itself, reached by a Unix socket) in {@code dataDir}. */
  public static DatabaseSettings embedded(Path dataDir) {
    return new DatabaseSettings(EMBEDDED + dataDir.toAbsolutePath().normalize(), EmbeddedPostgres.USER, "");
  }

  /** The data directory of the embedded store, if this is it. */
  public Optional<Path> embeddedDataDir() {
    return url.startsWith(EMBEDDED) ? Optional.of(Path.of(url.substring(EMBEDDED.length()))) : Optional.empty();
  }

  public boolean isEmbedded() {
    return url.startsWith(EMBEDDED);
  }

  @Override
  public String toString() {
    int q = url.indexOf('?');
    String shown = q < 0 ? url : url.substring(0, q) + "?…";
    return "DatabaseSettings[url=" + shown + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
  }
}
