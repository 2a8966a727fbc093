package org.parcelveil.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded store: a PostgreSQL server that the service runs as a child process on its own data directory,
 * reached only through a Unix socket in a directory only the service's user may open. It listens on no network
 * address, commits with fsync before answering, and speaks the same SQL as the production store.
 *
 * <p>Several processes may use one data directory at once (the service and a command such as {@code audit verify}):
 * the first starts the server, the others find it through {@code postmaster.pid} and connect to its socket. Each
 * process holds a {@link Lease} per use; when a process's last lease closes and no other process is connected, it
 * stops the server. A server left running by a process killed with -9 is found and used by the next start.
 */
public final class EmbeddedPostgres {
  /** The database and the user the service uses on the embedded server. */
  public static final String DATABASE = "parcelveil";
  static final String USER = "parcelveil";
  static final String CLUSTER_DIR = "pgdata";
  private static final String SOCKET_NAME = ".s.PGSQL.5432";
  /** sun_path holds 108 bytes with its terminating zero. */
  private static final int MAX_SOCKET_PATH = 107;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Map<Path, EmbeddedPostgres> RUNNING = new HashMap<>();

  private final Path dataDir;
  private final Path socketDir;
  private final long pid;
  private int leases;

  private EmbeddedPostgres(Path dataDir, Path socketDir, long pid) {
    this.dataDir = dataDir;
    this.socketDir = socketDir;
    this.pid = pid;
  }

  /** How the server is run: durable (fsync, the only mode the service uses) or fast for throw-away test data. */
  public enum Mode { DURABLE, THROWAWAY }

  /** Starts the embedded server on {@code dataDir}, or joins the one already serving it. */
  public static Lease acquire(Path dataDir, Mode mode) {
    Path dir = PrivateFiles.directory(dataDir);
    synchronized (RUNNING) {
      EmbeddedPostgres server = RUNNING.get(dir);
      if (server == null || !server.alive()) {
        server = startOrJoin(dir, mode);
        RUNNING.put(dir, server);
      }
      server.leases++;
      return new Lease(server);
    }
  }

  /** One user's hold on the server; closing the last one in a process may stop it. */
  public static final class Lease implements AutoCloseable {
    private final EmbeddedPostgres server;
    private boolean closed;

    private Lease(EmbeddedPostgres server) {
      this.server = server;
    }

    /** The JDBC URL of {@code database} on this server, through its Unix socket. */
    public String jdbcUrl(String database) {
      return server.url(database);
    }

    public String user() {
      return USER;
    }

    @Override
    public void close() {
      synchronized (RUNNING) {
        if (closed) {
          return;
        }
        closed = true;
        if (--server.leases == 0) {
          RUNNING.remove(server.dataDir);
          server.stopUnlessShared();
        }
      }
    }
  }

  String url(String database) {
    String socket = socketDir.resolve(SOCKET_NAME).toString();
    return "jdbc:postgresql://localhost/" + database
        + "?socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg"
        + "&socketFactoryArg=" + URLEncoder.encode(socket, StandardCharsets.UTF_8) + "&sslmode=disable";
  }

  private boolean alive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static EmbeddedPostgres startOrJoin(Path dataDir, Mode mode) {
    Path cluster = dataDir.resolve(CLUSTER_DIR);
    // One process at a time decides whether to start the server: two starting at once would both try.
    try (FileChannel lockFile = FileChannel.open(PrivateFiles.file(dataDir.resolve("store.lock")),
            Set.of(StandardOpenOption.WRITE));
        FileLock ignored = lockFile.lock()) {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (true) {
        Optional<PostmasterPid> running = PostmasterPid.read(cluster).filter(PostmasterPid::alive);
        if (running.isEmpty()) {
          return start(dataDir, cluster, mode);
        }
        PostmasterPid pm = running.get();
        if (pm.ready() && pm.socketDir().isPresent()) {
          EmbeddedPostgres joined = new EmbeddedPostgres(dataDir, pm.socketDir().get(), pm.pid());
          joined.ensureDatabase();
          return joined;
        }
        // starting up or shutting down: wait for it to settle
        if (System.nanoTime() > deadline) {
          throw new StoreException("the embedded database in " + cluster + " did not become ready (state "
              + pm.status() + ")", null);
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded database in " + cluster, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while starting the embedded database", e);
    }
  }

  private static EmbeddedPostgres start(Path dataDir, Path cluster, Mode mode) throws IOException, InterruptedException {
    Path bin = PostgresBinaries.install().resolve("bin");
    if (!Files.exists(cluster.resolve("PG_VERSION"))) {
      initialise(bin, dataDir, cluster, mode);
    }
    Path socketDir = socketDirectory(dataDir);
    Path log = PrivateFiles.file(dataDir.resolve("postgres.log"));
    List<String> command = asServiceUser(bin.resolve("postgres").toString(), "-D", cluster.toString());
    ServerConfig.arguments(socketDir, mode).forEach(command::add);
    Process child = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      Optional<PostmasterPid> pm = PostmasterPid.read(cluster);
      if (pm.isPresent() && pm.get().pid() == child.pid() && pm.get().ready()) {
        break;
      }
      if (!child.isAlive()) {
        throw new StoreException("the embedded database stopped while starting (exit " + child.exitValue()
            + "); its log is " + log, null);
      }
      if (System.nanoTime() > deadline) {
        child.destroy();
        throw new StoreException("the embedded database did not start within " + START_TIMEOUT.toSeconds()
            + " s; its log is " + log, null);
      }
      Thread.sleep(20);
    }
    EmbeddedPostgres server = new EmbeddedPostgres(dataDir, socketDir, child.pid());
    server.ensureDatabase();
    return server;
  }

  /** initdb into a sibling directory, renamed into place only when complete, so a crash never leaves half a cluster. */
  private static void initialise(Path bin, Path dataDir, Path cluster, Mode mode) throws IOException, InterruptedException {
    Path staging = dataDir.resolve(CLUSTER_DIR + ".init");
    PrivateFiles.deleteTree(staging);
    List<String> command = asServiceUser(bin.resolve("initdb").toString(), "-D", staging.toString(), "-U", USER,
        "-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=reject", "--no-instructions");
    if (mode == Mode.THROWAWAY) {
      command.add("--no-sync");
    }
    Path log = PrivateFiles.file(dataDir.resolve("postgres.log"));
    Process initdb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (initdb.waitFor() != 0) {
      throw new StoreException("could not create the embedded database (initdb exit " + initdb.exitValue()
          + "); its log is " + log, null);
    }
    Files.move(staging, cluster, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * PostgreSQL refuses to run as root. As root, the server runs in a user namespace of its own ({@code unshare
   * -U}), where it is an unprivileged user; its files still belong to root on disk, with modes 0700 and 0600.
   */
  private static List<String> asServiceUser(String... command) {
    List<String> line = new ArrayList<>();
    if (isRoot()) {
      line.add("unshare");
      line.add("-U");
    }
    line.addAll(List.of(command));
    return line;
  }

  private static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  /** {@code DIR/run}, or a private temporary directory where that path is too long for a Unix socket. */
  private static Path socketDirectory(Path dataDir) throws IOException {
    Path run = dataDir.resolve("run");
    if (run.resolve(SOCKET_NAME).toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
      return PrivateFiles.directory(run);
    }
    return Files.createTempDirectory("pv-pg-", PrivateFiles.directoryMode());
  }

  private void ensureDatabase() {
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot reach the embedded database", e);
    }
  }

  /** Stops the server if no other process is connected to it; another process's last lease will stop it then. */
  private void stopUnlessShared() {
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
            + " AND pid <> pg_backend_pid()")) {
      rs.next();
      if (rs.getLong(1) > 0) {
        return;
      }
    } catch (SQLException e) {
      return; // already stopping, or gone
    }
    // SIGTERM: PostgreSQL's smart shutdown, which ends with a checkpoint. A server still stopping after a minute
    // finishes on its own; the next start waits for it.
    ProcessHandle.of(pid).ifPresent(h -> {
      h.destroy();
      try {
        h.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notYet) {
        // left to finish on its own
      }
    });
  }
}
