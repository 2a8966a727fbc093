package org.parcelveil.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cosignature the witness makes verifies with Go's {@code golang.org/x/mod/sumdb/note} (Debian's
 * golang-golang-x-mod-dev): Go parses the note and the vkeys, matches key ids, checks the log's signature, and
 * checks the cosignature/v1 through a verifier written from the C2SP spec. Skipped where Go is not installed.
 */
class GoInteropTest {
  static final Path GOPATH = Path.of("/usr/share/gocode");

  @TempDir
  Path dir;

  @Test
  void cosignedCheckpoint_verifiesInGo_andATamperedOneDoesNot() throws Exception {
    assumeTrue(Files.isDirectory(GOPATH.resolve("src/golang.org/x/mod/sumdb/note")) && goAvailable(),
        "go and golang-golang-x-mod-dev are not installed");
    TestLog log = new TestLog("example.com/parcelveil", (byte) 3).grow(42, "entry-");
    WitnessKey key = WitnessKey.loadOrCreate(dir.resolve("w.key"), "regulator.example/w1");
    String note = log.checkpoint();
    Witness.Answer answer;
    try (Witness witness = new Witness(key, List.of(log.verifierKey()), dir.resolve("state"), Clock.systemUTC())) {
      answer = witness.addCheckpoint("old 0\n\n" + note);
    }
    assertThat(answer.status()).isEqualTo(200);
    String cosigned = note + answer.body();

    assertThat(go(log.verifierKey().vkey(), key.verifierKey().vkey(), cosigned)).startsWith("VERIFIED 2 signatures");
    String otherTime = cosigned.replace(answer.body(), retimed(answer.body()));
    assertThat(go(log.verifierKey().vkey(), key.verifierKey().vkey(), otherTime)).startsWith("open:");
    String otherSize = cosigned.replace("\n42\n", "\n41\n");
    assertThat(go(log.verifierKey().vkey(), key.verifierKey().vkey(), otherSize)).startsWith("open:");
  }

  /** The same cosignature line with its timestamp moved by one second. */
  private static String retimed(String line) {
    SignedNote.Line parsed = SignedNote.Line.parse(line.strip());
    Cosignature c = Cosignature.from(parsed);
    return new Cosignature(c.name(), c.keyId(), c.timestamp() + 1, c.signature()).line().text();
  }

  private String go(String logVkey, String witnessVkey, String note) throws Exception {
    Path program = dir.resolve("verify_cosignature.go");
    if (!Files.exists(program)) {
      try (InputStream in = getClass().getResourceAsStream("/witness/verify_cosignature.go")) {
        Files.write(program, in.readAllBytes());
      }
    }
    Path file = Files.writeString(dir.resolve("note-" + System.nanoTime()), note, StandardCharsets.UTF_8);
    ProcessBuilder pb = new ProcessBuilder("go", "run", program.toString(), logVkey, witnessVkey, file.toString())
        .redirectErrorStream(true);
    pb.environment().put("GOPATH", GOPATH.toString());
    pb.environment().put("GO111MODULE", "off");
    pb.environment().put("GOCACHE", dir.resolve("gocache").toString());
    pb.environment().put("GOFLAGS", "");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static boolean goAvailable() {
    try {
      Process p = new ProcessBuilder("go", "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
