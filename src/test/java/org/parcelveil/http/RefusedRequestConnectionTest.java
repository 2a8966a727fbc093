package org.parcelveil.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;

/**
 * A request refused before its body was read gets the same answer, headers included, whether or not the body had
 * arrived when it was refused: the connection stays open and says nothing of how far the request got.
 */
class RefusedRequestConnectionTest {
  static TestService svc;
  static String platform;

  @BeforeAll
  static void start() {
    svc = TestService.start("postgres");
    // A role the contact route does not admit: refused by the central check, before any body is read.
    platform = svc.principal("platform", "Marketplace", null).token();
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  @Test
  void aBodyThatArrivesLate_doesNotChangeTheRefusal() throws Exception {
    String body = "{\"party\":\"recipient\",\"purpose\":\"DELIVERY\"}";
    String head = "POST /v1/shipments/PV0000000000/contact HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + platform + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", svc.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(300);
      out.write(body.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String first = readResponseHead(socket.getInputStream());
      assertThat(first).startsWith("HTTP/1.1 403");
      assertThat(first.toLowerCase(Locale.ROOT)).doesNotContain("connection: close");
    }
  }

  /** The status line and headers of one response, then its body, which is skipped. */
  private static String readResponseHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    while (!buf.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      buf.write(b);
    }
    return buf.toString(StandardCharsets.US_ASCII);
  }
}
