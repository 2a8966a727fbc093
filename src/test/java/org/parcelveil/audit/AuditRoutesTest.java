package org.parcelveil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.http.HttpServer;
import org.parcelveil.http.HttpSettings;
import org.parcelveil.http.Json;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.tlog.Hashes;
import org.parcelveil.tlog.MerkleProofs;

/** The {@code /v1/audit} endpoints through a real server on port 0 and a real HTTP client. */
class AuditRoutesTest {
  private static final int SIZE = 300;
  private static AuditFixture fx;
  private static HttpServer server;
  private static String earlyCheckpoint;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    fx = AuditFixture.open("postgres");
    fx.append(0, 10);
    earlyCheckpoint = fx.publish();
    fx.append(10, SIZE - 10);
    server = new HttpServer(new HttpSettings("127.0.0.1", 0, HttpSettings.DEFAULT_MAX_BODY), token -> switch (token) {
      case "pv_security" -> Optional.of(new Principal("pr_sec", Role.SECURITY, "Sec", null, Instant.EPOCH, null));
      case "pv_courier" -> Optional.of(new Principal("pr_cou", Role.COURIER, "Cou", "ST1", Instant.EPOCH, null));
      default -> Optional.empty();
    }, new SimpleMeterRegistry(), List.of(fx.module.routes())).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    fx.close();
  }

  private static HttpResponse<byte[]> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<byte[]> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  private static Checkpoint latest() throws Exception {
    HttpResponse<byte[]> r = get("/v1/audit/checkpoint", null);
    String key = text(get("/v1/audit/key", null)).strip();
    return Checkpoint.parse(Notes.open(text(r), List.of(NoteKey.parse(key))));
  }

  @Test
  void checkpoint_isASignedNoteVerifiableWithThePublishedKey() throws Exception {
    fx.publish();
    HttpResponse<byte[]> r = get("/v1/audit/checkpoint", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(latest().size()).isEqualTo(SIZE);
    assertThat(text(get("/v1/audit/key?all=true", null)).strip().split("\n")).hasSize(1);
  }

  @Test
  void tiles_followTlogTiles_andOnlyFullOnesAreCacheable() throws Exception {
    HttpResponse<byte[]> full = get("/v1/audit/tile/0/000", null);
    assertThat(full.statusCode()).isEqualTo(200);
    assertThat(full.body()).hasSize(256 * 32);
    assertThat(full.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
    assertThat(full.headers().firstValue("Content-Type")).contains("application/octet-stream");

    HttpResponse<byte[]> partial = get("/v1/audit/tile/0/001.p/44", null);
    assertThat(partial.statusCode()).isEqualTo(200);
    assertThat(partial.body()).hasSize(44 * 32);
    assertThat(partial.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(get("/v1/audit/tile/0/001.p/45", null).statusCode()).isEqualTo(404);
    assertThat(get("/v1/audit/tile/0/001", null).statusCode()).isEqualTo(404);
    assertThat(get("/v1/audit/tile/0/01", null).statusCode()).isEqualTo(404);
    assertThat(get("/v1/audit/tile/0/x001/x234/x567/x890/x123/x456/789", null).statusCode()).isEqualTo(404);
    for (String hostile : List.of("63/x999/x999/x999/x999/x999/999", "0/%2e%2e/000", "0/000%00", "0/000.p/-1",
        "entries/" + "x000/".repeat(40) + "000", "0/000;drop", "0/%E2%80%94", "-/000")) {
      int status = get("/v1/audit/tile/" + hostile, "pv_security").statusCode();
      assertThat(status).as(hostile).isBetween(400, 404);
    }

    // The level-1 tile's one hash is the root of the first full level-0 tile.
    byte[] level1 = get("/v1/audit/tile/1/000.p/1", null).body();
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      leaves.add(Arrays.copyOfRange(full.body(), i * 32, i * 32 + 32));
    }
    assertThat(Hex.of(level1)).isEqualTo(Hex.of(mth(leaves)));
  }

  @Test
  void entryBundles_needTheSecurityRole_andHashToTheTile() throws Exception {
    assertThat(get("/v1/audit/tile/entries/000", null).statusCode()).isEqualTo(401);
    assertThat(get("/v1/audit/tile/entries/000", "pv_courier").statusCode()).isEqualTo(403);
    HttpResponse<byte[]> bundle = get("/v1/audit/tile/entries/001.p/44", "pv_security");
    assertThat(bundle.statusCode()).isEqualTo(200);
    byte[] tile = get("/v1/audit/tile/0/001.p/44", null).body();
    ByteBuffer in = ByteBuffer.wrap(bundle.body());
    for (int i = 0; i < 44; i++) {
      byte[] entry = new byte[in.getShort() & 0xFFFF];
      in.get(entry);
      assertThat(Hex.of(MerkleProofs.leafHash(entry))).isEqualTo(Hex.of(Arrays.copyOfRange(tile, i * 32, i * 32 + 32)));
    }
    assertThat(in.hasRemaining()).isFalse();
  }

  @Test
  void entries_forSecurityOnly_withTheirFields_andACappedPage() throws Exception {
    assertThat(get("/v1/audit/entries", null).statusCode()).isEqualTo(401);
    assertThat(get("/v1/audit/entries", "pv_courier").statusCode()).isEqualTo(403);
    JsonNode page = json(get("/v1/audit/entries?start=3&end=5", "pv_security"));
    assertThat(page.get("entries")).hasSize(2);
    JsonNode e = page.get("entries").get(0);
    assertThat(e.get("index").asLong()).isEqualTo(3);
    assertThat(e.get("action").asText()).isEqualTo("reveal");
    assertThat(e.get("outcome").asText()).isEqualTo("refused");
    assertThat(e.get("reason").asText()).isEqualTo("not_assigned");
    assertThat(e.get("principalId").asText()).isEqualTo("pr_3");
    assertThat(e.get("nonce").asText()).hasSize(32);
    assertThat(page.get("treeSize").asLong()).isEqualTo(SIZE);
    assertThat(json(get("/v1/audit/entries?start=0&end=100000", "pv_security")).get("entries")).hasSize(SIZE);
    assertThat(json(get("/v1/audit/entries", "pv_security")).get("entries")).hasSize(AuditRoutes.DEFAULT_PAGE);
    for (String bad : List.of("start=-1", "start=abc", "start=5&end=4", "end=99999999999999999999")) {
      HttpResponse<byte[]> r = get("/v1/audit/entries?" + bad, "pv_security");
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    }
  }

  @Test
  void proofs_verifyAgainstCheckpoints_andBadParametersAre400() throws Exception {
    fx.publish();
    Checkpoint now = latest();
    JsonNode inc = json(get("/v1/audit/proofs/inclusion?index=5&size=" + now.size(), null));
    List<byte[]> hashes = new ArrayList<>();
    inc.get("hashes").forEach(h -> hashes.add(Hex.parse(h.asText())));
    assertThat(MerkleProofs.verifyInclusion(5, now.size(), Hex.parse(inc.get("leafHash").asText()), hashes, now.root()))
        .isTrue();

    Checkpoint early = Checkpoint.parse(earlyCheckpoint.substring(0, earlyCheckpoint.indexOf("\n\n") + 1));
    JsonNode con = json(get("/v1/audit/proofs/consistency?from=10&to=" + now.size(), null));
    List<byte[]> path = new ArrayList<>();
    con.get("hashes").forEach(h -> path.add(Hex.parse(h.asText())));
    assertThat(MerkleProofs.verifyConsistency(10, now.size(), path, early.root(), now.root())).isTrue();

    for (String bad : List.of("inclusion?index=300&size=300", "inclusion?index=0&size=301", "inclusion?index=-1&size=3",
        "inclusion?size=3", "inclusion?index=1&size=x", "consistency?from=5&to=4", "consistency?from=1&to=301",
        "consistency?from=1", "inclusion?index=1&size=9999999999999999")) {
      HttpResponse<byte[]> r = get("/v1/audit/proofs/" + bad, null);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
    }
  }

  private static byte[] mth(List<byte[]> d) {
    if (d.size() == 1) {
      return d.get(0);
    }
    int k = Integer.highestOneBit(d.size() - 1);
    return Hashes.node(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
  }
}
