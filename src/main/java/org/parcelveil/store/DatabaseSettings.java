package org.parcelveil.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a database lives: a JDBC URL with its credentials. The password never appears in {@link #toString()}.
 */
public record DatabaseSettings(String url, String user, String password) {

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  /** The embedded H2 file database named {@code name} under {@code dataDir}. */
  public static DatabaseSettings embedded(Path dataDir, String name) {
    Path file = dataDir.toAbsolutePath().resolve(name);
    // AUTO_SERVER: the first process serves the file to the others, so `audit verify` and other commands work
    // while the service runs, and no second process ever writes the file directly.
    // WRITE_DELAY=0: each commit is written to the file before it returns.
    // REUSE_SPACE=FALSE: every chunk is appended to the end of the file. With space reuse, H2 2.5 lost
    // acknowledged commits under kill -9 (a new chunk written into freed space in mid-file was not found on
    // recovery, which fell back to an older version); appended chunks always are. The file grows until it is
    // compacted: when H2 closes it (MAX_COMPACT_TIME: for up to 60 s), or at the next start (H2Files).
    // H2 does not fsync commits: surviving power loss needs PostgreSQL.
    return new DatabaseSettings("jdbc:h2:file:" + file
        + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;REUSE_SPACE=FALSE;MAX_COMPACT_TIME=60000", "sa", "");
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  public boolean isH2() {
    return url.startsWith("jdbc:h2:");
  }

  @Override
  public String toString() {
    int q = url.indexOf('?');
    String shown = q < 0 ? url : url.substring(0, q) + "?…";
    return "DatabaseSettings[url=" + shown + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
  }
}
