package org.parcelveil.vault;

import java.security.GeneralSecurityException;
import org.parcelveil.bench.Interleaved;

/**
 * {@link VaultBenchmark}'s two measurements as one interleaved ratio (vault sealing / the raw Tink and HMAC calls it
 * makes), for a shared host where JMH's means swing with the neighbours.
 *
 * <p>Run after {@code bench/jmh -l}: {@code java -cp target/test-classes:target/classes:$(cat target/bench.cp)
 * org.parcelveil.vault.VaultVersusTink}.
 */
public final class VaultVersusTink {
  private static long sink;

  private VaultVersusTink() {}

  public static void main(String[] args) throws Exception {
    VaultBenchmark b = new VaultBenchmark();
    b.setUp();
    try {
      Runnable raw = () -> {
        try {
          for (byte[] f : b.fields) {
            sink += b.rawAead.encrypt(f, b.ad).length;
          }
          sink += b.rawMac.doFinal(b.fields[1])[0] + b.rawMac.doFinal(b.fields[5])[0];
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      };
      Runnable seal = () -> sink += b.vault.seal("PV12345678901234X", PartyRole.SENDER, VaultBenchmark.DAY, b.sender)
          .name().length + b.vault.seal("PV12345678901234X", PartyRole.RECIPIENT, VaultBenchmark.DAY, b.recipient)
          .name().length;
      System.out.println("vault seal / raw Tink + HMAC: " + Interleaved.ratio(raw, seal, 40) + (sink == 42 ? " " : ""));
    } finally {
      b.tearDown();
    }
  }
}
