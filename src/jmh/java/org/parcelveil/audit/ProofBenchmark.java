package org.parcelveil.audit;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.tlog.MerkleProofs;

/**
 * Proof generation from the stored tree (H2 file database) and proof verification, at 10^5, 10^6 and 10^7
 * entries. The log is bulk-loaded once per size under {@code target/bench/} (entries with real canonical bytes and
 * tree hashes, written 10,000 to a transaction rather than through the writer) and reused by later runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProofBenchmark {
  private static final int SAMPLES = 1024;

  @Param({"100000", "1000000", "10000000"})
  long size;

  private Database db;
  private AuditReader reader;
  private final long[] indexes = new long[SAMPLES];
  private final List<AuditReader.Proof> inclusions = new ArrayList<>();
  private final List<AuditReader.Proof> consistencies = new ArrayList<>();
  private final byte[][] oldRoots = new byte[SAMPLES][];
  private byte[] root;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    db = Database.open(DatabaseSettings.embedded(Path.of("target", "bench", "proofs-" + size)), "main", 4);
    try (Handle c = Jdbi.open(db.connection())) {
      if (TreeStore.head(c).size() != size) {
        bulkLoad(c);
      }
      root = TreeStore.head(c).rootOrEmpty();
    }
    reader = new AuditReader(db.dataSource());
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < SAMPLES; i++) {
      indexes[i] = random.nextLong(size);
      inclusions.add(reader.inclusion(indexes[i], size));
      consistencies.add(reader.consistency(indexes[i] + 1, size));
      try (Handle c = Jdbi.open(db.connection())) {
        oldRoots[i] = ProofPlan.rootOf(indexes[i] + 1,
            TreeStore.nodes(c, ProofPlan.rootNodeIds(indexes[i] + 1)));
      }
    }
    System.out.printf("%n size %d: inclusion proofs of %d hashes, consistency proofs of %d hashes%n", size,
        inclusions.get(0).hashes().size(), consistencies.get(0).hashes().size());
  }

  private void bulkLoad(Handle c) {
    c.begin();
    Frontier tree = Frontier.empty();
    List<TreeStore.Row> rows = new ArrayList<>();
    for (long i = 0; i < size; i++) {
      AuditRecord r = new AuditRecord("reveal", "pr_" + (i % 997), "courier", "PV" + (100_000_000 + i), "recipient",
          "DELIVERY", null, AuditRecord.Outcome.ALLOWED, null);
      byte[] nonce = ByteBuffer.allocate(16).putLong(i).putLong(~i).array();
      AuditEntry e = new AuditEntry(i, Instant.ofEpochSecond(1_800_000_000L + i / 100), nonce, r);
      var hashes = new java.io.ByteArrayOutputStream(64);
      tree.append(e.leafHash(), (l, idx, h) -> hashes.writeBytes(h));
      rows.add(new TreeStore.Row(e, hashes.toByteArray()));
      if (rows.size() == 10_000 || i == size - 1) {
        TreeStore.insertEntries(c, rows);
        c.commit();
        c.begin();
        rows.clear();
      }
    }
    TreeStore.updateHead(c, tree.size(), tree.root(), 0);
    c.commit();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    db.close();
  }

  private int sample() {
    return next++ & (SAMPLES - 1);
  }

  @Benchmark
  public AuditReader.Proof inclusionProof() {
    return reader.inclusion(indexes[sample()], size);
  }

  @Benchmark
  public AuditReader.Proof consistencyProof() {
    return reader.consistency(indexes[sample()] + 1, size);
  }

  @Benchmark
  public boolean verifyInclusion() {
    int i = sample();
    AuditReader.Proof p = inclusions.get(i);
    return MerkleProofs.verifyInclusion(indexes[i], size, p.leafHash(), p.hashes(), root);
  }

  @Benchmark
  public boolean verifyConsistency() {
    int i = sample();
    return MerkleProofs.verifyConsistency(indexes[i] + 1, size, consistencies.get(i).hashes(), oldRoots[i], root);
  }
}
