package org.parcelveil.waybill;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The encode / raw FF1 throughput ratio measured in one JVM, alternating 200 ms slices of each, so that both see
 * the same load from other tenants of a shared host; prints the median ratio over 40 rounds.
 *
 * <p>Run after {@code bench/jmh -l}: {@code java -cp target/test-classes:target/classes:$(cat target/bench.cp)
 * org.parcelveil.waybill.EncodeVersusFf1}.
 */
public final class EncodeVersusFf1 {
  private static final long SLICE_NANOS = 200_000_000L;
  private static long sink;

  private EncodeVersusFf1() {}

  public static void main(String[] args) {
    byte[] key = new byte[32];
    new SplittableRandom(1).nextBytes(key);
    WaybillCodec codec = new WaybillCodec("PV", key);
    FPEFF1Engine engine = new FPEFF1Engine(new JdkAes());
    engine.init(true, new FPEParameters(new KeyParameter(key), 10, "PV".getBytes()));
    byte[][] buffers = {new byte[14], new byte[14]};
    long[] counter = {1_234_567};

    Runnable raw = () -> {
      engine.processBlock(buffers[0], 0, 14, buffers[1], 0);
      byte[] t = buffers[0];
      buffers[0] = buffers[1];
      buffers[1] = t;
      sink += t[3];
    };
    Runnable encode = () -> sink += codec.encode(counter[0]++).charAt(4);

    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < 45; round++) {
      double before = rate(raw);
      double encoded = rate(encode);
      double after = rate(raw);
      if (round >= 5) { // the first rounds are warm-up
        ratios.add(encoded / ((before + after) / 2));
      }
    }
    Collections.sort(ratios);
    System.out.printf("encode / raw FF1: median %.3f (quartiles %.3f, %.3f) over %d rounds%s%n",
        ratios.get(ratios.size() / 2), ratios.get(ratios.size() / 4), ratios.get(3 * ratios.size() / 4),
        ratios.size(), sink == 42 ? " " : "");
  }

  private static double rate(Runnable op) {
    long start = System.nanoTime();
    long end = start + SLICE_NANOS;
    long n = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 100; i++) {
        op.run();
      }
      n += 100;
    }
    return n * 1e9 / (System.nanoTime() - start);
  }
}
