package org.parcelveil.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.MutableClock;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.MasterKey;
import org.parcelveil.store.Database;
import org.parcelveil.store.TestDatabases;
import org.parcelveil.vault.PersonInput;

/**
 * A blob sealed by another HPKE implementation (the npm package {@code @hpke/core}, through the integrator's
 * example in {@code docs/examples/seal.mjs}) opens here: the wire format is the contract, not our library.
 */
class HpkeInteropTest {
  private static final Path WORK = Path.of("target", "hpke-interop");

  @Test
  void aBlobSealedByTheJavaScriptExample_opens() throws Exception {
    assumeTrue(run(List.of("node", "--version"), Path.of(".")) == 0, "node is not installed");
    Files.createDirectories(WORK);
    if (!Files.isDirectory(WORK.resolve("node_modules/@hpke/core"))) {
      assertThat(run(List.of("npm", "install", "--no-audit", "--no-fund", "--silent", "@hpke/core@1.9.0",
          "@hpke/dhkem-x25519@1.8.0"), WORK)).as("npm install").isZero();
    }
    Files.copy(Path.of("docs/examples/seal.mjs"), WORK.resolve("seal.mjs"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (Database keysDb = Database.open(TestDatabases.freshPostgres(), "keys", 2)) {
      byte[] master = new byte[32];
      new SecureRandom().nextBytes(master);
      KeyStore store = new KeyStore(keysDb, MasterKey.ofBytes(master, "test"));
      store.provision();
      MutableClock clock = new MutableClock();
      IntakeKeys keys = new IntakeKeys(store, Duration.ofDays(30), clock);
      IntakeKey key = keys.live().get(0);
      Files.writeString(WORK.resolve("keys.json"), "{\"keys\":[{\"keyId\":\"" + key.keyId()
          + "\",\"kem\":\"X25519\",\"publicKey\":\"" + SealedValue.encode(key.publicKey()) + "\"}]}");
      Path out = WORK.resolve("sealed.txt");
      int exit = run(List.of("node", "seal.mjs", "keys.json", "pr_platform1", "TB-77", "pr_shop1",
          IntakeOpenerTest.PARTY), WORK, out);
      String sealed = Files.readString(out, StandardCharsets.UTF_8).trim();
      assertThat(exit).as(sealed).isZero();
      PersonInput p = new IntakeOpener(keys, clock).open(sealed, "pr_platform1", "TB-77", "pr_shop1");
      assertThat(p.name()).isEqualTo("ZQ-NAME-4411");
      assertThat(p.address().city()).isEqualTo("杭州市");
    }
  }

  private static int run(List<String> command, Path dir) throws IOException, InterruptedException {
    return run(command, dir, Files.createTempFile("run", ".out"));
  }

  private static int run(List<String> command, Path dir, Path out) throws IOException, InterruptedException {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      if (!p.waitFor(3, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException notInstalled) {
      return -1;
    }
  }
}
