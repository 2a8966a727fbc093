package org.parcelveil.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The witness over real HTTP, as a log reaches it: {@link WitnessClient} against {@link WitnessServer} on port 0. */
class WitnessTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  TestLog log;
  WitnessKey key;
  Witness witness;
  WitnessServer server;
  WitnessClient client;

  @BeforeEach
  void start() {
    log = new TestLog("example.com/parcelveil", (byte) 7);
    key = WitnessKey.loadOrCreate(dir.resolve("witness.key"), "regulator.example/w1");
    startWitness();
  }

  void startWitness() {
    witness = new Witness(key, List.of(log.verifierKey()), dir.resolve("state"), CLOCK);
    server = new WitnessServer(witness, "127.0.0.1", 0).start();
    client = WitnessClient.of("http://127.0.0.1:" + server.port(), key.verifierKey().vkey(), Duration.ofSeconds(5));
  }

  void stopWitness() {
    server.close();
    witness.close();
  }

  @AfterEach
  void stop() {
    stopWitness();
  }

  WitnessClient.Result submit(long old, String note) throws Exception {
    return submit(old, log, note);
  }

  WitnessClient.Result submit(long old, TestLog view, String note) throws Exception {
    return client.submit(old, view.consistency(old, SignedNoteSize.of(note)), note);
  }

  @Test
  void consistentGrowth_isCosigned_andEachCosignatureVerifiesWithThePublishedKey() throws Exception {
    VerifierKey published = VerifierKey.parse(Files.readString(dir.resolve("witness.key.vkey")));
    long old = 0;
    for (int grow : new int[] {5, 1, 7, 16, 100, 1}) {
      log.grow(grow, "entry-");
      String note = log.checkpoint();
      WitnessClient.Result r = submit(old, note);
      assertThat(r).isInstanceOf(WitnessClient.Cosigned.class);
      Cosignature c = ((WitnessClient.Cosigned) r).cosignature();
      assertThat(c.verify(published, SignedNote.parse(note).text())).isTrue();
      assertThat(c.timestamp()).isEqualTo(CLOCK.instant().getEpochSecond());
      old = log.size();
    }
    assertThat(witness.cosignedSize(log.origin())).isEqualTo(130);
    // The same checkpoint again: cosigned again, nothing changes.
    assertThat(submit(old, log.checkpoint())).isInstanceOf(WitnessClient.Cosigned.class);
  }

  @Test
  void staleOldSize_is409_withTheWitnessSizeAsTlogSize() throws Exception {
    log.grow(10, "e");
    assertThat(submit(0, log.checkpoint())).isInstanceOf(WitnessClient.Cosigned.class);
    log.grow(5, "e");
    HttpResponse<String> raw = post("old 3\n" + proofLines(log.consistency(3, 15)) + "\n" + log.checkpoint());
    assertThat(raw.statusCode()).isEqualTo(409);
    assertThat(raw.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/x.tlog.size");
    assertThat(raw.body()).isEqualTo("10\n");
    assertThat(submit(0, log.checkpoint())).isEqualTo(new WitnessClient.Conflict(10));
    assertThat(witness.cosignedSize(log.origin())).isEqualTo(10);
  }

  @Test
  void badConsistencyProof_is422_andNothingIsRecorded() throws Exception {
    log.grow(6, "e");
    assertThat(submit(0, log.checkpoint())).isInstanceOf(WitnessClient.Cosigned.class);
    log.grow(9, "e");
    List<byte[]> proof = new ArrayList<>(log.consistency(6, 15));
    byte[] bad = proof.get(0).clone();
    bad[0] ^= 1;
    proof.set(0, bad);
    assertThat(client.submit(6, proof, log.checkpoint())).isEqualTo(new WitnessClient.Failed(422,
        "the consistency proof does not verify"));
    assertThat(client.submit(6, proof.subList(1, proof.size()), log.checkpoint()))
        .isInstanceOf(WitnessClient.Failed.class).extracting(r -> ((WitnessClient.Failed) r).status()).isEqualTo(422);
    assertThat(witness.cosignedSize(log.origin())).isEqualTo(6);
  }

  @Test
  void fork_afterCosigningOneView_isRefusedAtTheSameSizeAndBeyond_andKeptAsEvidence() throws Exception {
    TestLog other = new TestLog(log.origin(), (byte) 7);
    log.grow(8, "honest-");
    other.grow(8, "forged-");
    assertThat(submit(0, log.checkpoint())).isInstanceOf(WitnessClient.Cosigned.class);

    // Same size, another root, signed by the same log key: a split view.
    assertThat(submit(8, other.checkpoint())).isEqualTo(new WitnessClient.Failed(409,
        "this witness cosigned another root for that size"));
    // The forged view grown further, with its own (internally valid) proof: does not extend what was cosigned.
    other.grow(8, "forged-");
    assertThat(submit(8, other, other.checkpoint()))
        .isInstanceOf(WitnessClient.Failed.class).extracting(r -> ((WitnessClient.Failed) r).status()).isEqualTo(422);
    // An older checkpoint of the honest view: old must be the witness's size, and then old > size is a bad request.
    assertThat(client.submit(8, List.of(), log.checkpoint(5))).isEqualTo(new WitnessClient.Failed(400,
        "the old size is larger than the checkpoint's size"));
    assertThat(submit(0, log.checkpoint(5))).isEqualTo(new WitnessClient.Conflict(8));

    assertThat(witness.cosignedSize(log.origin())).isEqualTo(8);
    try (var evidence = Files.list(dir.resolve("state/evidence"))) {
      assertThat(evidence.count()).isEqualTo(2);
    }
  }

  @Test
  void restart_keepsTheCosignedCheckpoint() throws Exception {
    TestLog other = new TestLog(log.origin(), (byte) 7);
    log.grow(20, "honest-");
    other.grow(20, "forged-");
    assertThat(submit(0, log.checkpoint())).isInstanceOf(WitnessClient.Cosigned.class);
    stopWitness();
    startWitness();

    assertThat(witness.cosignedSize(log.origin())).isEqualTo(20);
    assertThat(submit(0, other.checkpoint())).isEqualTo(new WitnessClient.Conflict(20));
    assertThat(submit(20, other.checkpoint())).isInstanceOf(WitnessClient.Failed.class);
    log.grow(3, "honest-");
    assertThat(submit(20, log.checkpoint())).isInstanceOf(WitnessClient.Cosigned.class);
    assertThat(Files.readString(dir.resolve("witness.key.vkey")).strip()).isEqualTo(witness.verifierKey().vkey());
  }

  @Test
  void secondWitnessOnTheSameState_isRefused() {
    assertThatThrownBy(() -> new Witness(key, List.of(log.verifierKey()), dir.resolve("state"), CLOCK))
        .hasMessageContaining("another witness is using");
  }

  @Test
  void unknownLog_is404_wrongKey_is403_malformed_is400() throws Exception {
    log.grow(3, "e");
    TestLog stranger = new TestLog("elsewhere.example/log", (byte) 9).grow(3, "e");
    assertThat(post("old 0\n\n" + stranger.checkpoint()).statusCode()).isEqualTo(404);

    TestLog impostor = new TestLog(log.origin(), (byte) 8).grow(3, "e");
    assertThat(post("old 0\n\n" + impostor.checkpoint()).statusCode()).isEqualTo(403);
    String forgedSignature = log.checkpoint().replace("\n3\n", "\n4\n");
    assertThat(post("old 0\n\n" + forgedSignature).statusCode()).isEqualTo(403);

    for (String body : List.of("", "old 01\n\n" + log.checkpoint(), "old 0\n" + log.checkpoint(),
        "old 0\nnot-base64!\n\n" + log.checkpoint(), "old 0\n\n" + log.origin() + "\n3\n", "old -1\n\n" + log.checkpoint(),
        "old 0\n" + "AAAA\n".repeat(3) + "\n" + log.checkpoint())) {
      assertThat(post(body).statusCode()).as(body).isEqualTo(400);
    }
    assertThat(post("old 0\n" + proofLines(List.of(new byte[32])).repeat(64) + "\n" + log.checkpoint()).statusCode())
        .isEqualTo(400);
    assertThat(post("old 0\n\n" + "x".repeat(200_000)).statusCode()).isEqualTo(413);
    assertThat(witness.cosignedSize(log.origin())).isEqualTo(-1);
  }

  @Test
  void clientRejects_aCosignatureByTheWrongKey() throws Exception {
    log.grow(4, "e");
    WitnessKey someoneElse = WitnessKey.generate("regulator.example/w1");
    WitnessClient pinnedToOther = WitnessClient.of("http://127.0.0.1:" + server.port(),
        someoneElse.verifierKey().vkey(), Duration.ofSeconds(5));
    assertThat(pinnedToOther.submit(0, List.of(), log.checkpoint()))
        .isEqualTo(new WitnessClient.Failed(200, "no cosignature by regulator.example/w1 in the answer"));
  }

  HttpResponse<String> post(String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/add-checkpoint")).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String proofLines(List<byte[]> proof) {
    StringBuilder out = new StringBuilder();
    proof.forEach(h -> out.append(java.util.Base64.getEncoder().encodeToString(h)).append('\n'));
    return out.toString();
  }

  /** The tree size a signed checkpoint states. */
  static final class SignedNoteSize {
    static long of(String note) {
      return Checkpoint.parse(SignedNote.parse(note).text()).size();
    }
  }
}
