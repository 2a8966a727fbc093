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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A Citus cluster for tests: one coordinator and two workers on Debian's PostgreSQL 15 with Citus preloaded, started
 * once per JVM (in parallel, without fsync: test data is thrown away) and stopped when the JVM exits.
 *
 * <p>Citus keeps its metadata (the nodes, the shards) per database, so each node has a template database with the
 * extension created and, on the coordinator, the nodes registered; a fresh database is a copy of that template on
 * every node, which is much cheaper than creating the extension and registering the nodes again.
 */
final class CitusCluster {
  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final Path LIB = Path.of("/usr/lib/postgresql/15/lib/citus.so");
  private static final Path CONTROL = Path.of("/usr/share/postgresql/15/extension/citus.control");
  private static final String USER = "pv";
  private static final String TEMPLATE = "pv_citus_template";
  private static final String HOST = "127.0.0.1";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static CitusCluster running;

  private final Path dir;
  private final int coordinator;
  private final List<Integer> workers;
  private final List<Integer> spares = new java.util.concurrent.CopyOnWriteArrayList<>();

  private CitusCluster(Path dir, int coordinator, List<Integer> workers) {
    this.dir = dir;
    this.coordinator = coordinator;
    this.workers = workers;
  }

  /** True if Citus is installed into Debian's PostgreSQL 15 on this machine. */
  static boolean installed() {
    return Files.isRegularFile(BIN.resolve("postgres")) && Files.isRegularFile(LIB) && Files.isRegularFile(CONTROL);
  }

  /** The JVM's cluster, started on first use. */
  static synchronized CitusCluster get() {
    if (running == null) {
      running = start();
    }
    return running;
  }

  /** A new database on the cluster: Citus in it on every node, the workers registered on the coordinator. */
  synchronized DatabaseSettings fresh() {
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
  String workerUrl(int worker, String database) {
    return url(workers.get(worker), database);
  }

  private static String url(int port, String database) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
  }

  private static CitusCluster start() {
    try {
      Path dir = Path.of("target").toAbsolutePath().resolve("pv-citus-" + ProcessHandle.current().pid());
      Files.createDirectories(dir);
      List<Integer> ports = freePorts(3);
      CitusCluster cluster = new CitusCluster(dir, ports.get(0), ports.subList(1, 3));
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
      Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
          "",
          "port = " + port,
          "listen_addresses = '" + HOST + "'",
          "unix_socket_directories = ''",
          "shared_preload_libraries = 'citus'",
          "max_connections = 300",
          "max_prepared_transactions = 300",
          "shared_buffers = '32MB'",
          "fsync = off",
          "synchronous_commit = off",
          "full_page_writes = off",
          // Few shards: every distributed table is created once per test database.
          "citus.shard_count = 4",
          "citus.log_remote_commands = off",
          // Shard moves (citus_rebalance_start) copy and catch up by logical replication.
          "wal_level = logical",
          ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
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
      for (int port : workers) {
        execute(port, TEMPLATE, "CREATE EXTENSION citus");
      }
      execute(coordinator, TEMPLATE, "CREATE EXTENSION citus",
          "SELECT citus_set_coordinator_host('" + HOST + "', " + coordinator + ")",
          "SELECT citus_add_node('" + HOST + "', " + workers.get(0) + ")",
          "SELECT citus_add_node('" + HOST + "', " + workers.get(1) + ")");
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

  private void stop() {
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
      PostgresBinaries.deleteTree(dir);
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

  private static void run(String... command) {
    List<String> cmd = new ArrayList<>();
    if (isRoot()) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(List.of(command));
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
