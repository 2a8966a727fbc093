package org.parcelveil.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;
import org.parcelveil.http.Json;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;
import org.parcelveil.webhook.WebhookSignature;

/**
 * Alerts reach the security team's webhook at least once: a receiver that is down (answering 503, or not listening
 * at all) gets the alert once it is back, signed, with an event id it can deduplicate on.
 */
class AlertWebhookDeliveryTest {

  /** A local webhook receiver that refuses with 503 until told to accept, and keeps every call it got. */
  static final class Receiver implements AutoCloseable {
    record Call(int answered, String eventId, String timestamp, String signature, byte[] body) {}

    final List<Call> calls = new ArrayList<>();
    volatile boolean down = true;
    private final HttpServer server;

    Receiver(int port) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      server.createContext("/hook", exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status = down ? 503 : 200;
        var h = exchange.getRequestHeaders();
        synchronized (calls) {
          calls.add(new Call(status, h.getFirst("X-PV-Event-Id"), h.getFirst("X-PV-Timestamp"),
              h.getFirst("X-PV-Signature"), body));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      server.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    List<Call> calls() {
      synchronized (calls) {
        return List.copyOf(calls);
      }
    }

    List<Call> await(Predicate<List<Call>> done, MovingClock moving) throws InterruptedException {
      for (int i = 0; i < 300; i++) {
        if (done.test(calls())) {
          return calls();
        }
        moving.tick();
        Thread.sleep(50);
      }
      throw new AssertionError("the receiver got " + calls().size() + " calls");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** Moves the service's clock past any back-off while a test waits, so retries come at once. */
  record MovingClock(TestService svc) {
    void tick() {
      svc.clock.advance(Duration.ofMinutes(1));
    }
  }

  private static TestService serviceSendingTo(URI hook) {
    return TestService.start("postgres", s -> s.withLeaks(s.leaks().withWebhook(hook)));
  }

  private static String raise(TestService svc, String kind) {
    return svc.pv.leaks().alerts()
        .raise(AlertDraft.of(Severity.HIGH, kind, "pr_test", null, "5 refusals in 10 min", Instant.now())).id();
  }

  private static boolean accepted(List<Receiver.Call> calls, String alertId) {
    return calls.stream().anyMatch(c -> c.answered() == 200 && alertIdOf(c).equals(alertId));
  }

  private static String alertIdOf(Receiver.Call c) {
    try {
      return Json.mapper().readTree(c.body()).get("id").asText();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void receiverAnswering503_getsTheAlertOnceItIsUp_signed_withOneEventIdAcrossAttempts() throws Exception {
    try (Receiver receiver = new Receiver(0); TestService svc = serviceSendingTo(receiver.uri())) {
      WebhookSignature signature = new WebhookSignature(svc.pv.keys().currentSecret(org.parcelveil.keys.KeyName.ALERTS_WEBHOOK).bytes());
      MovingClock moving = new MovingClock(svc);
      String alertId = raise(svc, "refusal_burst");

      receiver.await(calls -> calls.size() >= 2, moving);
      receiver.down = false;
      List<Receiver.Call> calls = receiver.await(c -> accepted(c, alertId), moving);

      Receiver.Call delivered = calls.stream().filter(c -> c.answered() == 200).findFirst().orElseThrow();
      assertThat(calls.stream().filter(c -> c.answered() == 503)).isNotEmpty();
      assertThat(calls).extracting(Receiver.Call::eventId).containsOnly(delivered.eventId());
      assertThat(delivered.eventId()).matches("wh_[0-9a-f]{20}");
      assertThat(signature.verify(delivered.timestamp(), delivered.signature(), delivered.body(), svc.clock.instant()))
          .as("signed like the relay's webhooks").isTrue();
      JsonNode body = Json.mapper().readTree(delivered.body());
      assertThat(body.get("kind").asText()).isEqualTo("refusal_burst");
      assertThat(body.get("principalId").asText()).isEqualTo("pr_test");

      // Delivered means done: no further calls for it, whatever time passes.
      int seen = receiver.calls().size();
      for (int i = 0; i < 20; i++) {
        moving.tick();
        Thread.sleep(50);
      }
      assertThat(receiver.calls()).hasSize(seen);
    }
  }

  @Test
  void receiverNotListening_getsTheAlertWhenItStarts() throws Exception {
    int port;
    try (Receiver probe = new Receiver(0)) {
      port = probe.uri().getPort();
    }
    URI hook = URI.create("http://127.0.0.1:" + port + "/hook");
    try (TestService svc = serviceSendingTo(hook)) {
      MovingClock moving = new MovingClock(svc);
      String alertId = raise(svc, "canary_touched");
      // Let a few attempts fail on a refused connection.
      for (int i = 0; i < 20; i++) {
        moving.tick();
        Thread.sleep(50);
      }
      try (Receiver receiver = new Receiver(port)) {
        receiver.down = false;
        List<Receiver.Call> calls = receiver.await(c -> accepted(c, alertId), moving);
        assertThat(calls).extracting(AlertWebhookDeliveryTest::alertIdOf).containsOnly(alertId);
      }
    }
  }

  @Test
  void twoNodes_sendEachAlertOnce() throws Exception {
    try (Receiver receiver = new Receiver(0); TestService svc = serviceSendingTo(receiver.uri());
        TestService other = svc.anotherNode()) {
      receiver.down = false;
      Set<String> raised = new HashSet<>();
      for (int i = 0; i < 15; i++) {
        raised.add(raise(i % 2 == 0 ? svc : other, "refusal_burst"));
      }
      List<Receiver.Call> calls = receiver.await(c -> c.stream().map(AlertWebhookDeliveryTest::alertIdOf)
          .collect(Collectors.toSet()).containsAll(raised), new MovingClock(svc));
      Thread.sleep(500);
      assertThat(receiver.calls()).as("one call per alert, from whichever node claimed it").hasSize(raised.size());
      assertThat(calls.stream().map(Receiver.Call::eventId).distinct()).hasSize(calls.size());
    }
  }
}
