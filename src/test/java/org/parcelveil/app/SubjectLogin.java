package org.parcelveil.app;

import java.time.Duration;
import java.util.Map;
import org.parcelveil.subject.CapturingNotifier;

/** Opens a data-subject session for a phone that has shipments, playing the person who receives the code. */
public final class SubjectLogin {
  private SubjectLogin() {}

  /** The session token; {@code phone} as typed (mainland mobile without +86). */
  public static String token(TestService svc, String phone) {
    svc.post("/v1/subjects/challenge", null, Map.of("phone", phone));
    try {
      String code = CapturingNotifier.next("+86" + phone, Duration.ofSeconds(10))
          .orElseThrow(() -> new AssertionError("no code was sent"));
      return svc.post("/v1/subjects/session", null, Map.of("phone", phone, "code", code)).json().get("token").asText();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
