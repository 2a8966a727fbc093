package org.parcelveil.reliability;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.parcelveil.store.DatabaseSettings;

/**
 * Bare H2, no service: does a file database keep every commit it acknowledged when its process is killed? A child
 * process commits rows from four threads (batches of inserts, and single inserts with an update and an event row,
 * like shipments and scans) and prints each id once its commit returned; the parent kills it with SIGKILL after
 * 1–3 s, restarts it, and checks that every printed id is in the table. This is how the embedded store's URL
 * options were chosen (docs/operations.md). By hand, not in the build:
 *
 * <pre>
 * java -cp "target/test-classes:target/lib/*" org.parcelveil.reliability.H2KillHarness DIR ROUNDS [URL_OPTIONS]
 * </pre>
 *
 * URL_OPTIONS (e.g. {@code ;WRITE_DELAY=0} for H2's default space reuse) replaces the options of the service's
 * embedded URL ({@link DatabaseSettings#embedded}); exits 1 on the first round that finds an acknowledged id missing.
 */
public final class H2KillHarness {
  private H2KillHarness() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--child")) {
      child(args[1]);
      return;
    }
    String url = DatabaseSettings.embedded(Path.of(args[0]), "kill").url();
    if (args.length > 2) {
      url = url.substring(0, url.indexOf(';')) + args[2];
    }
    int rounds = Integer.parseInt(args[1]);
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    Random random = new Random(1);
    for (int round = 0; round < rounds; round++) {
      Process child = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"),
          H2KillHarness.class.getName(), "--child", url).redirectErrorStream(true).start();
      BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream()));
      Set<Long> present = new HashSet<>();
      for (String line = in.readLine(); line != null && !line.equals("LISTED"); line = in.readLine()) {
        present.add(Long.parseLong(line));
      }
      List<Long> missing = new ArrayList<>();
      for (Long id : acked) {
        if (!present.contains(id)) {
          missing.add(id);
        }
      }
      System.out.printf("round %d: %d rows, %d acknowledged, %d missing%n", round, present.size(), acked.size(),
          missing.size());
      if (!missing.isEmpty()) {
        child.destroyForcibly();
        System.out.println("missing, e.g. " + missing.subList(0, Math.min(10, missing.size())));
        System.exit(1);
      }
      Thread reader = new Thread(() -> readAcks(in, acked));
      reader.start();
      Thread.sleep(800 + random.nextInt(2500));
      child.destroyForcibly();
      child.waitFor();
      reader.join();
    }
    System.out.println("no acknowledged row lost in " + rounds + " rounds, " + acked.size() + " rows");
  }

  private static void readAcks(BufferedReader in, Set<Long> acked) {
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("ACK ")) {
          acked.add(Long.parseLong(line.substring(4)));
        } else {
          System.out.println("child: " + line);
        }
      }
    } catch (IOException e) {
      // the child was killed mid-line
    }
  }

  private static void child(String url) throws Exception {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    long max;
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS t (id BIGINT PRIMARY KEY, state VARCHAR(20), payload VARCHAR(600))");
      s.execute("CREATE TABLE IF NOT EXISTS ev (id BIGINT, seq INT, note VARCHAR(20), PRIMARY KEY (id, seq))");
      try (ResultSet rs = s.executeQuery("SELECT id FROM t")) {
        while (rs.next()) {
          out.println(rs.getLong(1));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM t")) {
        rs.next();
        max = rs.getLong(1);
      }
    }
    out.println("LISTED");
    AtomicLong next = new AtomicLong(max + 1);
    char[] pad = new char[500];
    Arrays.fill(pad, 'x');
    String payload = new String(pad);
    ExecutorService writers = Executors.newFixedThreadPool(4);
    for (int w = 0; w < 4; w++) {
      boolean batches = w < 2;
      writers.submit(() -> write(url, batches, next, payload, out));
    }
  }

  private static Void write(String url, boolean batches, AtomicLong next, String payload, PrintStream out)
      throws SQLException {
    Random random = new Random();
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      c.setAutoCommit(false);
      while (true) {
        long[] ids = new long[batches ? 1 + random.nextInt(50) : 1];
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, 'CREATED', ?)")) {
          for (int i = 0; i < ids.length; i++) {
            ids[i] = next.getAndIncrement();
            ps.setLong(1, ids[i]);
            ps.setString(2, payload);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        if (!batches) {
          long victim = 1 + (long) (random.nextDouble() * (next.get() - 1));
          try (PreparedStatement up = c.prepareStatement("UPDATE t SET state = 'MOVED', payload = ? WHERE id = ?");
              PreparedStatement ev = c.prepareStatement("INSERT INTO ev VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 "
                  + "FROM ev WHERE id = ?), 'scan')")) {
            up.setString(1, payload.substring(0, random.nextInt(400)));
            up.setLong(2, victim);
            up.executeUpdate();
            ev.setLong(1, victim);
            ev.setLong(2, victim);
            ev.executeUpdate();
          }
        }
        c.commit();
        synchronized (out) {
          for (long id : ids) {
            out.println("ACK " + id);
          }
        }
      }
    }
  }
}
