package org.parcelveil.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parcelveil.cli.Main;

/** {@code parcelveil witness serve} as a process, killed with SIGKILL right after it answered. */
class WitnessProcessTest {
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir
  Path dir;

  record Running(Process process, String vkey, int port) {}

  Running start(TestLog log) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "witness", "serve",
        "--key", dir.resolve("keys/witness.key").toString(), "--name", "regulator.example/w1",
        "--log", log.verifierKey().vkey(), "--port", "0", "--data", dir.resolve("state").toString())
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String vkey = null;
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("witness key: ")) {
        vkey = line.substring(13);
      }
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return new Running(p, vkey, Integer.parseInt(m.group(1)));
      }
    }
    throw new AssertionError("the witness did not start");
  }

  void kill(Running r) throws Exception {
    r.process().destroyForcibly();
    assertThat(r.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void killMinus9AfterACosignature_neverCosignsAnInconsistentCheckpointAfterRestart() throws Exception {
    TestLog log = new TestLog("example.com/parcelveil", (byte) 11).grow(30, "honest-");
    TestLog fork = new TestLog(log.origin(), (byte) 11).grow(30, "forged-");
    Running first = start(log);
    Path keyFile = dir.resolve("keys/witness.key");
    assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(dir.resolve("keys/witness.key.vkey")).strip()).isEqualTo(first.vkey());
    WitnessClient client = WitnessClient.of("http://127.0.0.1:" + first.port(), first.vkey(), Duration.ofSeconds(10));
    WitnessClient.Result r = client.submit(0, List.of(), log.checkpoint());
    kill(first);
    assertThat(r).isInstanceOf(WitnessClient.Cosigned.class);

    Running second = start(log);
    try {
      assertThat(second.vkey()).isEqualTo(first.vkey());
      WitnessClient again = WitnessClient.of("http://127.0.0.1:" + second.port(), second.vkey(), Duration.ofSeconds(10));
      assertThat(again.submit(0, List.of(), fork.checkpoint())).isEqualTo(new WitnessClient.Conflict(30));
      assertThat(again.submit(30, List.of(), fork.checkpoint())).isInstanceOf(WitnessClient.Failed.class);
      log.grow(2, "honest-");
      assertThat(again.submit(30, log.consistency(30, 32), log.checkpoint())).isInstanceOf(WitnessClient.Cosigned.class);
    } finally {
      kill(second);
    }
  }
}
