package org.parcelveil.waybill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
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

/**
 * Waybill numbers per second: the codec and the issuer against raw Bouncy Castle FF1 on 14 digits, which bounds
 * them. Run with {@code bench/jmh WaybillBenchmark}.
 *
 * <p>On a shared host, compare encode with raw FF1 by median latency rather than mean throughput:
 * {@code bench/jmh 'WaybillBenchmark.(encode|rawFf1)$' -bm sample -tu us}; a call of a few microseconds is rarely
 * preempted, so the median ignores other tenants that the mean does not.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class WaybillBenchmark {
  private static final String PREFIX = "PV";
  private static final long LIMIT = 100_000_000_000_000L;

  private WaybillCodec codec;
  private String[] issued;

  @Setup(Level.Trial)
  public void setUp() {
    codec = new WaybillCodec(PREFIX, key());
    issued = new String[1024];
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < issued.length; i++) {
      issued[i] = codec.encode(random.nextLong(LIMIT));
    }
  }

  /**
   * Raw FF1 for one thread: one engine on the same AES as the codec's ({@link JdkAes}) and two 14-digit buffers, each
   * output fed back as the next input.
   */
  @State(Scope.Thread)
  public static class RawFf1 {
    FPEFF1Engine engine;
    byte[] in = new byte[14];
    byte[] out = new byte[14];

    @Setup(Level.Trial)
    public void setUp() {
      engine = new FPEFF1Engine(new JdkAes());
      engine.init(true, new FPEParameters(new KeyParameter(key()), 10, PREFIX.getBytes()));
    }

    byte[] step() {
      engine.processBlock(in, 0, 14, out, 0);
      byte[] t = in;
      in = out;
      out = t;
      return in;
    }
  }

  /** A counter for one thread, starting at a random point so threads do not share inputs. */
  @State(Scope.Thread)
  public static class Counter {
    long next;
    int index;

    @Setup(Level.Trial)
    public void setUp() {
      next = new SplittableRandom().nextLong(LIMIT / 2);
    }
  }

  /** An issuer over an H2 file database, so that each lease pays its commit and checkpoint. */
  @State(Scope.Benchmark)
  public static class Issuer {
    @Param({"1000", "1000000"})
    int blockSize;

    Path dir;
    Database database;
    CounterLeases leases;
    WaybillIssuer issuer;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("pv-bench-");
      database = Database.open(DatabaseSettings.embedded(dir), "main", 2);
      leases = new CounterLeases(database.dataSource(), blockSize);
      issuer = new WaybillIssuer(new WaybillCodec(PREFIX, key()), leases);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      database.close();
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Benchmark
  public byte[] rawFf1(RawFf1 s) {
    return s.step();
  }

  @Benchmark
  public String encode(Counter c) {
    return codec.encode(c.next++);
  }

  /** Everything encode does besides FF1: the codec's own cost, small enough to measure apart from host noise. */
  @Benchmark
  public String encodeWithoutFf1(Counter c) {
    return codec.render(WaybillCodec.digitsOf(c.next++ % LIMIT));
  }

  /** One lease on an H2 file database: a transaction, a commit and a {@code CHECKPOINT SYNC}. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object lease(Issuer s) {
    return s.leases.lease();
  }

  @Benchmark
  public long decode(Counter c) {
    return codec.decode(issued[c.index++ & 1023]).orElse(-1);
  }

  @Benchmark
  public Waybill issuerNext(Issuer s) {
    return s.issuer.next();
  }

  private static byte[] key() {
    byte[] key = new byte[32];
    new SplittableRandom(1).nextBytes(key);
    return key;
  }
}
