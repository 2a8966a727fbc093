package org.parcelveil.waybill;

import java.util.SplittableRandom;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.parcelveil.bench.Interleaved;

/**
 * The encode / raw FF1 throughput ratio measured in one JVM, alternating 200 ms slices of each, so that both see
 * the same load from other tenants of a shared host; prints the median ratio over 40 rounds.
 *
 * <p>Run after {@code bench/jmh -l}: {@code java -cp target/test-classes:target/classes:$(cat target/bench.cp)
 * org.parcelveil.waybill.EncodeVersusFf1}.
 */
public final class EncodeVersusFf1 {
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

    Interleaved.Ratio ratio = Interleaved.ratio(raw, encode, 40);
    System.out.println("encode / raw FF1: " + ratio + (sink == 42 ? " " : ""));
  }
}
