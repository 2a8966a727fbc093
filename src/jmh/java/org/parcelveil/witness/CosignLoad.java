package org.parcelveil.witness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.parcelveil.bench.Machine;

/**
 * Cosigning rate of one witness: checkpoints per second, each with its consistency proof, each answered only after
 * the witness's state was fsynced. Requests are made before the clock starts; a log pushes its checkpoints one after
 * another (each needs the previous one's size), several logs push in parallel.
 *
 * <pre>java -cp ... org.parcelveil.witness.CosignLoad [seconds per row] [checkpoints prepared per log]</pre>
 *
 * A row ends at its deadline or when its logs ran out of prepared checkpoints, whichever comes first; fewer prepared
 * checkpoints (default 4,000) keep the preparation of the 1,000-leaf rows within memory and time on a small machine.
 */
public final class CosignLoad {
  private CosignLoad() {}

  record Push(long old, List<byte[]> proof, String note) {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int perLog = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
    System.out.print(Machine.describe());
    System.out.println("| transport | logs | leaves per checkpoint | proof hashes (mean) | checkpoints | cosigned/s | p50 ms | p99 ms |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (String transport : List.of("in-process", "HTTP")) {
      for (int logs : new int[] {1, 4}) {
        for (int leaves : new int[] {1, 1000}) {
          run(transport, logs, leaves, seconds, perLog);
        }
      }
    }
  }

  static void run(String transport, int logCount, int leaves, int seconds, int perLog) throws Exception {
    Path dir = Files.createTempDirectory("witness-bench");
    List<TestLog> logs = new ArrayList<>();
    List<List<Push>> pushes = new ArrayList<>();
    long proofHashes = 0;
    for (int i = 0; i < logCount; i++) {
      TestLog log = new TestLog("bench.example/log" + i, (byte) (i + 1));
      List<Push> list = new ArrayList<>(perLog);
      long old = 0;
      for (int c = 0; c < perLog; c++) {
        log.grow(leaves, "e");
        List<byte[]> proof = log.consistency(old, log.size());
        proofHashes += proof.size();
        list.add(new Push(old, proof, log.checkpoint()));
        old = log.size();
      }
      logs.add(log);
      pushes.add(list);
    }
    WitnessKey key = WitnessKey.generate("bench.example/witness");
    try (Witness witness = new Witness(key, logs.stream().map(TestLog::verifierKey).toList(), dir, Clock.systemUTC());
        WitnessServer server = transport.equals("HTTP") ? new WitnessServer(witness, "127.0.0.1", 0).start() : null) {
      ExecutorService pool = Executors.newFixedThreadPool(logCount);
      long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      List<Future<long[]>> results = new ArrayList<>();
      for (List<Push> list : pushes) {
        WitnessClient client = server == null ? null
            : WitnessClient.of("http://127.0.0.1:" + server.port(), key.verifierKey().vkey(), Duration.ofSeconds(30));
        results.add(pool.submit(() -> push(witness, client, list, deadline)));
      }
      long start = System.nanoTime();
      List<Long> latencies = new ArrayList<>();
      for (Future<long[]> f : results) {
        for (long l : f.get()) {
          latencies.add(l);
        }
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      latencies.sort(null);
      int n = latencies.size();
      System.out.printf("| %s | %d | %d | %.1f | %d | %,.0f | %.2f | %.2f |%n", transport, logCount, leaves,
          (double) proofHashes / (logCount * perLog), n, n / elapsed, latencies.get(n / 2) / 1e6,
          latencies.get((int) (n * 0.99)) / 1e6);
    }
  }

  private static long[] push(Witness witness, WitnessClient client, List<Push> list, long deadline) throws Exception {
    long[] latencies = new long[list.size()];
    int done = 0;
    for (Push p : list) {
      if (System.nanoTime() > deadline) {
        break;
      }
      long t0 = System.nanoTime();
      boolean cosigned = client == null
          ? witness.addCheckpoint(new AddCheckpointRequest(p.old(), p.proof(), p.note()).body()).status() == 200
          : client.submit(p.old(), p.proof(), p.note()) instanceof WitnessClient.Cosigned;
      if (!cosigned) {
        throw new IllegalStateException("refused at size " + p.old());
      }
      latencies[done++] = System.nanoTime() - t0;
    }
    return java.util.Arrays.copyOf(latencies, done);
  }
}
