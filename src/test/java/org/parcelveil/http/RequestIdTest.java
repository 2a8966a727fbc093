package org.parcelveil.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.CapturedLogs;
import org.parcelveil.app.TestService;

/** Every request has an id: in each line logged for it, and in its answer's {@code X-Request-Id}. */
class RequestIdTest {

  private static TestService.Response get(TestService svc, String path, String token, String requestId) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(svc.url(path))).GET();
    if (requestId != null) {
      b.header("X-Request-Id", requestId);
    }
    return svc.send(b, token);
  }

  @Test
  void eachRequest_getsAnId_inItsHeader_andInEveryLineLoggedForIt() {
    try (TestService svc = TestService.start(); CapturedLogs logs = new CapturedLogs()) {
      TestService.Response ok = get(svc, "/v1/stations", svc.adminToken, null);
      TestService.Response denied = get(svc, "/v1/stations", "not-a-token", null);
      TestService.Response missing = get(svc, "/v1/nothing-here", svc.adminToken, null);

      for (TestService.Response r : List.of(ok, denied, missing)) {
        assertThat(r.header("X-Request-Id")).matches("[0-9a-f]{24}");
      }
      assertThat(List.of(ok, denied, missing)).extracting(r -> r.header("X-Request-Id")).doesNotHaveDuplicates();
      for (TestService.Response r : List.of(ok, denied, missing)) {
        String id = r.header("X-Request-Id");
        List<CapturedLogs.Line> lines = logs.records().stream().filter(l -> id.equals(l.requestId())).toList();
        assertThat(lines).as("the request log line of %s", r.status()).isNotEmpty()
            .anyMatch(l -> l.text().contains("-> " + r.status()));
      }
      // What the request threads logged was all for some request: nothing from them escapes without an id.
      assertThat(logs.records()).filteredOn(l -> l.thread().startsWith("JettyServerThreadPool")
          || l.thread().startsWith("qtp")).isNotEmpty().allMatch(l -> l.requestId() != null);
    }
  }

  @Test
  void aWellFormedIncomingId_isKept_andAHostileOneIsReplaced() {
    try (TestService svc = TestService.start(); CapturedLogs logs = new CapturedLogs()) {
      String proxyId = "3f2a9c1e-77b4-4d1a-9e0f-2c5d8b6a1f00";
      assertThat(get(svc, "/v1/stations", svc.adminToken, proxyId).header("X-Request-Id")).isEqualTo(proxyId);
      assertThat(logs.records()).anyMatch(l -> proxyId.equals(l.requestId()));

      for (String hostile : List.of("abc def INFO forged line", "x".repeat(65), "${jndi:ldap://evil/a}",
          "id\tINFO", "short", "a;b=c,d/e")) {
        String answered = get(svc, "/v1/stations", svc.adminToken, hostile).header("X-Request-Id");
        assertThat(answered).as(hostile).matches("[0-9a-f]{24}");
        assertThat(logs.records()).noneMatch(l -> hostile.equals(l.requestId()) || l.text().contains(hostile));
      }
    }
  }
}
