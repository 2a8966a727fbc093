package org.parcelveil.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A Citus cluster for tests: one coordinator and two workers on Debian's PostgreSQL 15 with Citus preloaded, started
 * once per JVM (in parallel, without fsync: test data is thrown away) and stopped when the JVM exits.
 *
 * <p>Benchmarks start clusters of their own with {@link #start(Config)}: another number of workers, durable commits,
 * or the same server without Citus (plain PostgreSQL set up exactly as the nodes are, for comparisons).
 *
 * <p>Citus keeps its metadata (the nodes, the shards) per database, so each node has a template database with the
 * extension created and, on the coordinator, the nodes registered; a fresh database is a copy of that template on
 * every node, which is much cheaper than creating the extension and registering the nodes again.
 */
public final class CitusCluster implements AutoCloseable {
  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final Path LIB = Path.of("/usr/lib/postgresql/15/lib/citus.so");
  private static final Path CONTROL = Path.of("/usr/share/postgresql/15/extension/citus.control");
  private static final String USER = "pv";
  private static final String TEMPLATE = "pv_citus_template";
  private static final String HOST = "127.0.0.1";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final AtomicInteger CLUSTERS = new AtomicInteger();
  private static CitusCluster running;

  /**
   * How the servers are set up: {@code workers} besides the coordinator; {@code citus} false for plain PostgreSQL
   * (the coordinator alone, no extension, otherwise the same settings); {@code durable} for fsync,
   * synchronous_commit and full_page_writes on, as in production; Citus's shard count and each server's
   * shared_buffers.
   */
  public record Config(int workers, boolean citus, boolean durable, int shardCount, String sharedBuffers) {
    /** The test suite's cluster: two workers, few shards, nothing fsynced. */
    static final Config TESTS = new Config(2, true, false, 4, "32MB");
  }

  private final Path dir;
  private final Config config;
  private final int coordinator;
  private final List<Integer> workers;
  private final List<Integer> spares = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicBoolean stopped = new AtomicBoolean();

  private CitusCluster(Path dir, Config config, int coordinator, List<Integer> workers) {
    this.dir = dir;
    this.config = config;
    this.coordinator = coordinator;
    this.workers = workers;
  }

  /** True if Citus is installed into Debian's PostgreSQL 15 on this machine. */
  public static boolean installed() {
    return Files.isRegularFile(BIN.resolve("postgres")) && Files.isRegularFile(LIB) && Files.isRegularFile(CONTROL);
  }

  /** The JVM's cluster, started on first use. */
  static synchronized CitusCluster get() {
    if (running == null) {
      running = start(Config.TESTS);
    }
    return running;
  }

  /**
   * A new database on the cluster: Citus in it on every node, the workers registered on the coordinator (on plain
   * PostgreSQL, an empty database).
   */
  public synchronized DatabaseSettings fresh() {
    String name = "pv_citus_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try {
      // Workers first: the coordinator's copy already names them as its nodes.
      for (int port : workers) {
        copyTemplate(port, name);
      }
      copyTemplate(coordinator, name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create a database on the Citus cluster in " + dir, e);
    }
    return new DatabaseSettings(url(coordinator, name), USER, "");
  }

  /**
   * Starts one more node, not yet in the cluster, with {@code database} and the citus extension in it: what an
   * operator prepares before {@code citus_add_node}. Stopped with the cluster. Returns its port.
   */
  synchronized int startSpareNode(String database) {
    try {
      int port = freePorts(1).get(0);
      startNode(port);
      spares.add(port);
      // Like every node, the template too: a database copied from it still names the template as the database
      // Citus's objects belong to, and citus_add_node connects to it on the new node.
      execute(port, "postgres", "CREATE DATABASE " + TEMPLATE);
      execute(port, TEMPLATE, "CREATE EXTENSION citus");
      execute(port, "postgres", "CREATE DATABASE " + database);
      execute(port, database, "CREATE EXTENSION citus");
      return port;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("could not prepare a spare node in " + dir, e);
    }
  }

  /** The host the nodes listen on, as the coordinator names them. */
  static String host() {
    return HOST;
  }

  /** The JDBC URL of a database on a worker (Citus answers distributed queries from any node). */
  public String workerUrl(int worker, String database) {
    return url(workers.get(worker), database);
  }

  /** The settings of {@code database} (from {@link #fresh()}) on worker {@code worker}. */
  public DatabaseSettings onWorker(DatabaseSettings database, int worker) {
    return new DatabaseSettings(workerUrl(worker, database.url().substring(database.url().lastIndexOf('/') + 1)),
        database.user(), database.password());
  }

  /** The postmasters' process ids: the coordinator's first, then the workers' in order. */
  public List<Long> postmasters() {
    return Stream.concat(Stream.of(coordinator), workers.stream()).map(this::postmaster).toList();
  }

  private long postmaster(int port) {
    try {
      return Long.parseLong(Files.readAllLines(nodeDir(port).resolve("postmaster.pid")).get(0).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Binds worker {@code worker}'s server (its postmaster and every backend, present and future: backends inherit the
   * postmaster's affinity) to one CPU with {@code taskset}, as if it had a machine of its own. On plain PostgreSQL,
   * worker -1 is the server itself (the coordinator).
   */
  public void pin(int worker, int cpu) {
    long postmaster = postmaster(worker < 0 ? coordinator : workers.get(worker));
    runAsIs("taskset", "-a", "-p", "-c", Integer.toString(cpu), Long.toString(postmaster));
    ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(child -> {
      try {
        runAsIs("taskset", "-a", "-p", "-c", Integer.toString(cpu), Long.toString(child.pid()));
      } catch (IllegalStateException ignored) {
        // a backend that has just exited needs no pinning
      }
    }));
  }

  /** The servers' version and settings that decide what a commit costs, for a report. */
  public String describe() throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = DriverManager.getConnection(url(coordinator, "postgres"), USER, "");
        Statement s = c.createStatement()) {
      for (String setting : new String[] {"server_version", "fsync", "synchronous_commit", "full_page_writes",
          "wal_level", "shared_buffers", "shared_preload_libraries"}) {
        try (var rs = s.executeQuery("SHOW " + setting)) {
          rs.next();
          out.append(out.length() == 0 ? "PostgreSQL " : ", " + setting + " = ").append(rs.getString(1));
        }
      }
    }
    if (config.citus()) {
      out.append(", citus.shard_count = ").append(config.shardCount());
    }
    return out.toString();
  }

  private static String url(int port, String database) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
  }

  /** Starts a cluster of its own; the caller stops it ({@link #close()}), or the JVM's exit does. */
  public static CitusCluster start(Config config) {
    try {
      int n = CLUSTERS.getAndIncrement();
      Path dir = Path.of("target").toAbsolutePath()
          .resolve("pv-citus-" + ProcessHandle.current().pid() + (n == 0 ? "" : "-" + n));
      Files.createDirectories(dir);
      List<Integer> ports = freePorts(1 + config.workers());
      CitusCluster cluster = new CitusCluster(dir, config, ports.get(0), ports.subList(1, ports.size()));
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop));
      List<CompletableFuture<Void>> starts = new ArrayList<>();
      for (int port : ports) {
        starts.add(CompletableFuture.runAsync(() -> cluster.startNode(port)));
      }
      starts.forEach(CompletableFuture::join);
      cluster.createTemplate();
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void startNode(int port) {
    try {
      Path data = nodeDir(port);
      Files.createDirectories(data);
      if (isRoot()) {
        // PostgreSQL refuses to run as root: the servers run as the postgres user, which must own their files.
        UserPrincipal postgres = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(data, postgres);
      }
      run(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
          "--locale=C", "--no-sync");
      String durable = config.durable() ? "on" : "off";
      List<String> conf = new ArrayList<>(List.of(
          "",
          "port = " + port,
          "listen_addresses = '" + HOST + "'",
          "unix_socket_directories = ''",
          "max_connections = 300",
          "max_prepared_transactions = 300",
          "shared_buffers = '" + config.sharedBuffers() + "'",
          "fsync = " + durable,
          "synchronous_commit = " + durable,
          "full_page_writes = " + durable,
          // Shard moves (citus_rebalance_start) copy and catch up by logical replication.
          "wal_level = logical"));
      if (config.citus()) {
        conf.addAll(List.of(
            "shared_preload_libraries = 'citus'",
            // The tests' few shards: every distributed table is created once per test database.
            "citus.shard_count = " + config.shardCount(),
            "citus.log_remote_commands = off"));
      }
      conf.add("");
      Files.writeString(data.resolve("postgresql.conf"), String.join("\n", conf), StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
      run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", data.resolve("server.log").toString(),
          "-w", "-t", "60", "start");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void createTemplate() {
    try {
      for (int port : allPorts()) {
        execute(port, "postgres", "CREATE DATABASE " + TEMPLATE);
      }
      if (config.citus()) {
        for (int port : workers) {
          execute(port, TEMPLATE, "CREATE EXTENSION citus");
        }
        List<String> setUp = new ArrayList<>(List.of("CREATE EXTENSION citus",
            "SELECT citus_set_coordinator_host('" + HOST + "', " + coordinator + ")"));
        for (int port : workers) {
          setUp.add("SELECT citus_add_node('" + HOST + "', " + port + ")");
        }
        execute(coordinator, TEMPLATE, setUp.toArray(String[]::new));
      }
      for (int port : allPorts()) {
        execute(port, "postgres", "ALTER DATABASE " + TEMPLATE + " WITH ALLOW_CONNECTIONS false");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not prepare the Citus cluster in " + dir + " (server.log there)", e);
    }
  }

  /**
   * Copies the template database on one node. Citus runs a maintenance daemon connected to every database that has
   * the extension, and PostgreSQL copies no database with another session in it: the template accepts no
   * connections, so once its daemon is ended it is not started again.
   */
  private static void copyTemplate(int port, String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(port, "postgres"), USER, "");
        Statement s = c.createStatement()) {
      for (int i = 0; ; i++) {
        try (var rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            + "WHERE datname = '" + TEMPLATE + "'")) {
          rs.next();
          if (rs.getInt(1) == 0) {
            break;
          }
        }
        if (i == 100) {
          throw new SQLException("sessions stay in " + TEMPLATE + " on port " + port);
        }
        sleep(50);
      }
      s.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs statements on one node's database, then closes the connection so the database may serve as a template. */
  private static void execute(int port, String database, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(port, database), USER, "");
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** Stops every server and deletes their files (the servers' logs are kept beside the directory). */
  @Override
  public void close() {
    stop();
  }

  private void stop() {
    if (stopped.getAndSet(true)) {
      return;
    }
    // In parallel: the test JVM has a bounded time to exit.
    allPorts().parallelStream().forEach(port -> {
      try {
        run(BIN.resolve("pg_ctl").toString(), "-D", nodeDir(port).toString(), "-m", "immediate", "-w", "stop");
      } catch (RuntimeException ignored) {
        // the JVM is exiting; a server that did not start has nothing to stop
      }
    });
    try {
      // Each node's log outlives the cluster: it names every statement a node refused, with its error.
      for (int port : allPorts()) {
        Path log = nodeDir(port).resolve("server.log");
        if (Files.exists(log)) {
          Files.copy(log, dir.resolveSibling(dir.getFileName() + "-" + port + ".log"),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      PrivateFiles.deleteTree(dir);
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }

  private List<Integer> allPorts() {
    return Stream.concat(Stream.concat(Stream.of(coordinator), workers.stream()), spares.stream()).toList();
  }

  private Path nodeDir(int port) {
    return dir.resolve("node-" + port);
  }

  private static List<Integer> freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Runs a PostgreSQL program: as the postgres user when this JVM runs as root. */
  private static void run(String... command) {
    List<String> cmd = new ArrayList<>();
    if (isRoot()) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(List.of(command));
    runAsIs(cmd.toArray(String[]::new));
  }

  private static void runAsIs(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
