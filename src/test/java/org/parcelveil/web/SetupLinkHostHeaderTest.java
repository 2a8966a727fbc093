package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;

/** Set-up links carry a password-setting token: they point at the configured public address, whatever Host says. */
class SetupLinkHostHeaderTest {
  private static final String PUBLIC = "https://parcels.example.cn";
  private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");
  static TestService svc;

  @BeforeAll
  static void start() {
    svc = TestService.start("postgres", s -> s.withPublicUrl(PUBLIC));
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  @Test
  void forgedHostHeader_doesNotChooseWhereTheLinkPoints() throws IOException {
    for (String host : new String[] {"evil.example", "evil.example:443", "127.0.0.1:" + svc.server.port()}) {
      String url = linkWithHost(host);
      assertThat(url).as(host).startsWith(PUBLIC + "/console/setup/").doesNotContain("evil");
    }
  }

  @Test
  void forwardedHeaders_doNotChooseWhereTheLinkPointsEither() throws IOException {
    String url = linkWithHost("evil.example\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: http");
    assertThat(url).startsWith(PUBLIC + "/console/setup/");
  }

  /** A raw request: the JDK client will not send a Host header of our choosing. */
  private static String linkWithHost(String host) throws IOException {
    String body = "{}";
    String request = "POST /v1/console/setup-links HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer "
        + svc.adminToken + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n\r\n" + body;
    try (Socket socket = new Socket("127.0.0.1", svc.server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).as(response).startsWith("HTTP/1.1 201");
      Matcher m = URL.matcher(response);
      assertThat(m.find()).as(response).isTrue();
      return m.group(1);
    }
  }
}
