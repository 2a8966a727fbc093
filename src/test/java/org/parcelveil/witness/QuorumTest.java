package org.parcelveil.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** K of N real witnesses on loopback. */
class QuorumTest {
  @TempDir
  Path dir;

  final TestLog log = new TestLog("example.com/parcelveil", (byte) 5);
  final List<AutoCloseable> running = new ArrayList<>();

  WitnessClient witness(String name) {
    WitnessKey key = WitnessKey.loadOrCreate(dir.resolve(name + ".key"), name);
    Witness w = new Witness(key, List.of(log.verifierKey()), dir.resolve(name), Clock.systemUTC());
    WitnessServer server = new WitnessServer(w, "127.0.0.1", 0).start();
    running.add(server);
    running.add(w);
    return WitnessClient.of("http://127.0.0.1:" + server.port(), key.verifierKey().vkey(), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running) {
      c.close();
    }
  }

  @Test
  void twoOfThree_withOneWitnessDown_isReached_threeOfThreeIsNot() throws Exception {
    WitnessClient a = witness("w.example/a");
    WitnessClient b = witness("w.example/b");
    WitnessClient down = WitnessClient.of("http://127.0.0.1:9", WitnessKey.generate("w.example/c").verifierKey().vkey(),
        Duration.ofSeconds(2));
    try (Quorum two = new Quorum(List.of(a, b, down), 2, Duration.ofSeconds(10));
        Quorum three = new Quorum(List.of(a, b, down), 3, Duration.ofSeconds(10))) {
      log.grow(10, "e");
      Quorum.Result r = two.collect(log.checkpoint(), log.size(), log::consistency);
      assertThat(r.reached()).isTrue();
      assertThat(r.cosignatures()).extracting(Cosignature::name).containsExactly("w.example/a", "w.example/b");
      assertThat(r.failures()).containsOnlyKeys("w.example/c");
      String served = r.cosignedNote(log.checkpoint());
      SignedNote note = SignedNote.parse(served);
      assertThat(note.signatures()).hasSize(3);
      assertThat(Cosignature.from(note.signatures().get(1)).verify(a.key(), note.text())).isTrue();

      log.grow(7, "e");
      // A new quorum does not know the witnesses are at 10: each answers 409 with its size, and is asked again.
      Quorum.Result r3 = three.collect(log.checkpoint(), log.size(), log::consistency);
      assertThat(r3.reached()).isFalse();
      assertThat(r3.cosignatures()).hasSize(2);
    }
  }

  @Test
  void forkShownToAWitnessThatSawTheOtherView_doesNotReachTheQuorum() throws Exception {
    WitnessClient a = witness("w.example/a");
    WitnessClient b = witness("w.example/b");
    TestLog fork = new TestLog(log.origin(), (byte) 5);
    log.grow(12, "honest-");
    fork.grow(12, "forged-");
    try (Quorum onlyA = new Quorum(List.of(a), 1, Duration.ofSeconds(10));
        Quorum both = new Quorum(List.of(a, b), 2, Duration.ofSeconds(10))) {
      assertThat(onlyA.collect(log.checkpoint(), 12, log::consistency).reached()).isTrue();
      fork.grow(4, "forged-");
      Quorum.Result r = both.collect(fork.checkpoint(), fork.size(), fork::consistency);
      assertThat(r.reached()).isFalse();
      assertThat(r.cosignatures()).extracting(Cosignature::name).containsExactly("w.example/b");
      assertThat(r.failures().get("w.example/a")).startsWith("422");
    }
  }
}
