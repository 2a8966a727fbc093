package org.parcelveil.eventhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.parcelveil.app.TestService;

/**
 * A webhook receiver on loopback (the JDK's HTTP server) that answers 503 to its first {@code failures} calls and
 * 200 after, and keeps every call it got: headers and the exact body bytes.
 */
final class Receiver implements AutoCloseable {
  record Call(int answered, String eventId, String timestamp, String signature, String body) {}

  private final List<Call> calls = new ArrayList<>();
  private final AtomicInteger failures;
  private final HttpServer server;

  Receiver(int failures) throws IOException {
    this.failures = new AtomicInteger(failures);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status = this.failures.getAndDecrement() > 0 ? 503 : 200;
      var h = exchange.getRequestHeaders();
      synchronized (calls) {
        calls.add(new Call(status, h.getFirst("X-PV-Event-Id"), h.getFirst("X-PV-Timestamp"),
            h.getFirst("X-PV-Signature"), new String(body, StandardCharsets.UTF_8)));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook").toString();
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  List<Call> accepted() {
    return calls().stream().filter(c -> c.answered() == 200).toList();
  }

  /**
   * Waits until the calls satisfy {@code done}, moving the service's clock a minute ahead at each look so that the
   * relay's settle time and the retries' back-off pass at once.
   */
  List<Call> await(Predicate<List<Call>> done, TestService svc) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      if (done.test(calls())) {
        return calls();
      }
      svc.clock.advance(Duration.ofMinutes(1));
      Thread.sleep(50);
    }
    throw new AssertionError("the receiver got " + calls().size() + " calls: " + calls());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
