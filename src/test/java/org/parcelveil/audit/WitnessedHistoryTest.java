package org.parcelveil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parcelveil.app.MutableClock;
import org.parcelveil.cli.Main;
import org.parcelveil.http.Json;
import org.parcelveil.witness.SignedNote;

/**
 * A person's history on a witnessed log: its proofs lead to the checkpoint the quorum cosigned, and
 * {@code audit prove} checks the witnesses' cosignatures with their pinned keys, failing when a required witness did
 * not cosign.
 */
class WitnessedHistoryTest {
  @TempDir
  Path dir;
  AuditFixture fx;
  LoopbackWitnesses witnesses;

  @BeforeEach
  void open() {
    fx = AuditFixture.open("postgres");
    witnesses = new LoopbackWitnesses(dir, fx.module.verifierKeys().get(0));
  }

  @AfterEach
  void close() {
    witnesses.close();
    fx.close();
  }

  @Test
  void historyProvesToTheCosignedCheckpoint_andProveRequiresThePinnedWitnesses() throws Exception {
    LoopbackWitnesses.Running a = witnesses.start("regulator.example/a");
    LoopbackWitnesses.Running b = witnesses.start("consumers.example/b");
    LoopbackWitnesses.Running absent = witnesses.start("press.example/c");
    AuditModule log = fx.witnessed(LoopbackWitnesses.settings(2, a, b), new MutableClock());
    for (int i = 0; i < 12; i++) {
      log.log().append(AuditFixture.reveal(i));
    }

    AuditHistory.Found found = log.history().about(List.of(new AuditHistory.About(Set.of("PV100004", "PV100007"),
        Set.of("recipient"))), 10);
    assertThat(found.entries()).extracting(AuditHistory.Proven::index).containsExactly(7L, 4L);
    assertThat(found.entries()).allSatisfy(e -> assertThat(e.proof()).isNotNull());
    SignedNote note = SignedNote.parse(found.checkpoint());
    assertThat(note.signatures()).extracting(SignedNote.Line::name)
        .containsExactly(AuditFixture.ORIGIN, "regulator.example/a", "consumers.example/b");
    assertThat(note.cosignedBy(List.of(a.key.verifierKey(), b.key.verifierKey(), absent.key.verifierKey())))
        .isEqualTo(2);

    Path file = dir.resolve("who-saw.json");
    Files.writeString(file, json(found));
    String logKey = fx.module.verifierKeys().get(0);
    assertThat(prove(file, logKey, "--witness-vkey", a.vkey(), "--witness-vkey", b.vkey())).isZero();
    assertThat(prove(file, logKey, "--witness-vkey", a.vkey(), "--witness-vkey", absent.vkey())).isEqualTo(1);
    assertThat(prove(file, logKey, "--witness-vkey", a.vkey(), "--witness-vkey", absent.vkey(),
        "--witness-quorum", "1")).isZero();
    assertThat(prove(file, logKey, "--witness-vkey", absent.vkey())).as("only the absent witness pinned").isEqualTo(1);

    // A cosignature line moved onto another name's key fails as a forgery would: it counts for nothing.
    String forged = found.checkpoint().replace("— consumers.example/b", "— press.example/c");
    Files.writeString(file, json(new AuditHistory.Found(forged, found.entries())));
    assertThat(prove(file, logKey, "--witness-vkey", a.vkey(), "--witness-vkey", absent.vkey())).isEqualTo(1);
  }

  private static int prove(Path file, String logKey, String... witnessOptions) {
    String[] args = new String[4 + witnessOptions.length];
    args[0] = "audit";
    args[1] = "prove";
    args[2] = file.toString();
    args[3] = "--key=" + logKey;
    System.arraycopy(witnessOptions, 0, args, 4, witnessOptions.length);
    return Main.run(args);
  }

  private static String json(AuditHistory.Found found) throws Exception {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("checkpoint", found.checkpoint());
    ArrayNode entries = root.putArray("entries");
    for (AuditHistory.Proven e : found.entries()) {
      ObjectNode o = entries.addObject();
      o.put("index", e.index());
      o.put("leafHash", e.leafHash());
      ArrayNode proof = o.putArray("proof");
      e.proof().forEach(proof::add);
    }
    return Json.mapper().writeValueAsString(root);
  }
}
