package org.parcelveil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parcelveil.app.MutableClock;
import org.parcelveil.http.HttpServer;
import org.parcelveil.http.HttpSettings;
import org.parcelveil.witness.Cosignature;
import org.parcelveil.witness.SignedNote;

/** The log takes its checkpoints to real witnesses on loopback and serves the ones a quorum cosigned. */
class WitnessedCheckpointTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final Path GOPATH = Path.of("/usr/share/gocode");

  @TempDir
  Path dir;

  AuditFixture fx;
  LoopbackWitnesses witnesses;
  final List<HttpServer> servers = new ArrayList<>();
  final MutableClock clock = new MutableClock();

  @BeforeEach
  void open() {
    fx = AuditFixture.open("postgres");
    witnesses = new LoopbackWitnesses(dir, fx.module.verifierKeys().get(0));
  }

  @AfterEach
  void close() {
    servers.forEach(HttpServer::close);
    witnesses.close();
    fx.close();
  }

  @Test
  void checkpointsCosignedByTheQuorum_areServed_andVerifyWithTheLogsKeyInJavaAndGo() throws Exception {
    LoopbackWitnesses.Running a = witnesses.start("regulator.example/a");
    LoopbackWitnesses.Running b = witnesses.start("consumers.example/b");
    AuditModule log = fx.witnessed(LoopbackWitnesses.settings(2, a, b), clock);
    int port = serve(log);
    for (int i = 0; i < 10; i++) {
      log.log().append(AuditFixture.reveal(i));
    }

    HttpResponse<String> first = get(port);   // none yet: published and cosigned on demand
    assertThat(first.statusCode()).isEqualTo(200);
    SignedNote note = SignedNote.parse(first.body());
    assertThat(note.text()).startsWith(AuditFixture.ORIGIN + "\n10\n");
    assertThat(note.signatures()).extracting(SignedNote.Line::name)
        .containsExactly(AuditFixture.ORIGIN, "regulator.example/a", "consumers.example/b");
    assertThat(Cosignature.from(note.signatures().get(1)).verify(a.key.verifierKey(), note.text())).isTrue();
    assertThat(Cosignature.from(note.signatures().get(2)).verify(b.key.verifierKey(), note.text())).isTrue();
    assertThat(first.body()).startsWith(fx.module.publisher().latest().orElseThrow());
    assertThat(fx.verifier().verify(first.body()).ok()).as("the log's own verifier reads the cosigned note").isTrue();
    assertThat(a.witness.cosignedSize(AuditFixture.ORIGIN)).isEqualTo(10);

    for (int i = 10; i < 25; i++) {
      log.log().append(AuditFixture.reveal(i));
    }
    log.publisher().publishNow();
    String second = get(port).body();
    assertThat(second).contains("\n25\n");
    assertThat(b.witness.cosignedSize(AuditFixture.ORIGIN)).as("pushed with the proof from 10").isEqualTo(25);

    if (goAvailable()) {
      assertThat(go(fx.module.verifierKeys().get(0), a.vkey(), second)).startsWith("VERIFIED 2 signatures");
      assertThat(go(fx.module.verifierKeys().get(0), b.vkey(), second)).startsWith("VERIFIED 2 signatures");
    }
  }

  @Test
  void witnessesDown_theLastWitnessedCheckpointIsStillServed_oneAlarm_andItsAgeGrows() throws Exception {
    LoopbackWitnesses.Running a = witnesses.start("regulator.example/a");
    LoopbackWitnesses.Running b = witnesses.start("consumers.example/b");
    AuditModule log = fx.witnessed(LoopbackWitnesses.settings(2, a, b), clock);
    List<String> alarms = new ArrayList<>();
    log.publisher().onWitnessAlarm(alarms::add);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    log.metrics().bindTo(meters);
    int port = serve(log);
    fx.append(0, 8);
    log.publisher().publishNow();
    String witnessed = get(port).body();
    assertThat(witnessed).contains("\n8\n");

    b.stop();
    fx.append(8, 4);
    clock.advance(Duration.ofMinutes(3));
    log.publisher().publishNow();
    clock.advance(Duration.ofMinutes(2));
    log.publisher().publishNow();
    assertThat(log.publisher().latest().orElseThrow()).as("signed, not witnessed").contains("\n12\n");
    assertThat(get(port).body()).isEqualTo(witnessed);
    assertThat(alarms).hasSize(1);
    assertThat(alarms.get(0)).contains("checkpoint 12 has 1 of 2 cosignatures").contains("consumers.example/b");
    assertThat(meters.get("parcelveil.audit.witnessed.checkpoint.age").gauge().value()).isGreaterThanOrEqualTo(299);

    b.restart();
    log.publisher().publishNow();
    assertThat(get(port).body()).contains("\n12\n");
    assertThat(meters.get("parcelveil.audit.witnessed.checkpoint.age").gauge().value()).isLessThan(60);
  }

  @Test
  void aCheckpointCosignedUnderASmallerQuorum_isNotServedByANodeThatNeedsMore_untilItsOwnQuorumCosigns()
      throws Exception {
    LoopbackWitnesses.Running a = witnesses.start("regulator.example/a");
    LoopbackWitnesses.Running b = witnesses.start("consumers.example/b");
    AuditModule lenient = fx.witnessed(LoopbackWitnesses.settings(1, a), clock);
    fx.append(0, 5);
    lenient.publisher().publishNow();
    String byA = lenient.publisher().served().orElseThrow();
    assertThat(SignedNote.parse(byA).signatures()).hasSize(2);

    AuditModule strict = fx.witnessed(LoopbackWitnesses.settings(2, a, b), clock);
    assertThat(strict.publisher().served()).as("one cosignature of the two it needs").isEmpty();
    b.stop();
    strict.publisher().publishNow();
    assertThat(strict.publisher().served()).as("B down: still not served").isEmpty();
    assertThat(lenient.publisher().served()).contains(byA);

    b.restart();
    strict.publisher().publishNow();
    String byBoth = strict.publisher().served().orElseThrow();
    assertThat(byBoth).startsWith(fx.module.publisher().latest().orElseThrow()).contains("\n5\n");
    assertThat(SignedNote.parse(byBoth).cosignedBy(List.of(a.key.verifierKey(), b.key.verifierKey()))).isEqualTo(2);
    assertThat(lenient.publisher().served()).as("the stored note now carries both").contains(byBoth);
  }

  @Test
  void noQuorumEver_theCheckpointRouteSays503_notAnUnwitnessedCheckpoint() throws Exception {
    LoopbackWitnesses.Running a = witnesses.start("regulator.example/a");
    a.stop();
    AuditModule log = fx.witnessed(LoopbackWitnesses.settings(1, a), clock);
    int port = serve(log);
    fx.append(0, 3);
    HttpResponse<String> r = get(port);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).doesNotContain(AuditFixture.ORIGIN + "\n3\n");
  }

  private int serve(AuditModule module) {
    HttpServer server = new HttpServer(new HttpSettings("127.0.0.1", 0, HttpSettings.DEFAULT_MAX_BODY),
        token -> Optional.empty(), new SimpleMeterRegistry(), List.of(module.routes())).start();
    servers.add(server);
    return server.port();
  }

  private static HttpResponse<String> get(int port) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/audit/checkpoint")).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Go's sumdb/note opens the note with the log's key and one witness's key (the other's line is unknown to it). */
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
    if (!Files.isDirectory(GOPATH.resolve("src/golang.org/x/mod/sumdb/note"))) {
      return false;
    }
    try {
      Process p = new ProcessBuilder("go", "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
