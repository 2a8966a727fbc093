package org.parcelveil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parcelveil.http.Json;
import org.parcelveil.reliability.ListeningSockets;

/** The packaged jar, run as the README runs it: first start, demo data, restart, and a refused master key. */
class ServeIT {
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void firstStartWithDemo_createsKeysAdminAndDemo_andRestartKeepsEverything(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    String adminToken;
    String merchantToken;
    String waybill;
    try (ServiceProcess p = ServiceProcess.start(Map.of(), "serve", "--port", "0", "--host", "127.0.0.1",
        "--data", data.toString(), "--demo")) {
      int port = p.awaitPort(Duration.ofSeconds(90));
      assertThat(Files.getPosixFilePermissions(data.resolve("master.key")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.getPosixFilePermissions(data.resolve("admin.token")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      adminToken = Files.readString(data.resolve("admin.token")).trim();
      assertThat(String.join("\n", p.output())).contains(adminToken);
      assertThat(Files.getPosixFilePermissions(data.resolve("demo-tokens.json")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      JsonNode demo = Json.mapper().readTree(data.resolve("demo-tokens.json").toFile());
      merchantToken = demo.at("/merchant-1/token").asText();
      // People get console sign-ins in the file, the admin and security a second factor; none of it is printed.
      assertThat(demo.at("/merchant-1/login").asText()).isEqualTo("merchant-1");
      assertThat(demo.at("/admin/totpSecret").asText()).isNotEmpty();
      String password = demo.at("/admin/password").asText();
      assertThat(password).hasSizeGreaterThanOrEqualTo(12);
      assertThat(String.join("\n", p.output())).doesNotContain(password)
          .doesNotContain(demo.at("/admin/totpSecret").asText());
      assertThat(get(port, "/health", null).statusCode()).isEqualTo(200);
      assertThat(Json.mapper().readTree(get(port, "/v1/stations", adminToken).body()).get("items")).hasSizeGreaterThan(5);
      HttpResponse<String> created = post(port, "/v1/shipments", merchantToken,
          Json.mapper().writeValueAsString(org.parcelveil.app.Fixtures.shipment("IT-1")));
      assertThat(created.statusCode()).isEqualTo(201);
      waybill = Json.mapper().readTree(created.body()).get("waybill").asText();

      // Nothing listens but the HTTP port: not the service's JVM on another port, not its database.
      assertThat(ListeningSockets.tcpListenersOf(p.pid())).containsExactly(port);
      long postmaster = Long.parseLong(Files.readAllLines(data.resolve("pgdata/postmaster.pid")).get(0).trim());
      assertThat(ListeningSockets.tcpListenersOf(postmaster)).isEmpty();
      // Another local user can neither read the store nor reach its socket.
      if (ProcessHandle.current().info().user().orElse("").equals("root") && Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
        for (String attempt : new String[] {"cat " + data.resolve("pgdata/PG_VERSION"), "ls " + data.resolve("run"),
            "cat " + data.resolve("admin.token")}) {
          Process other = new ProcessBuilder("/usr/sbin/runuser", "-u", "nobody", "--", "sh", "-c", attempt)
              .redirectErrorStream(true).start();
          assertThat(other.waitFor()).as("as nobody: " + attempt).isNotZero();
        }
      }
      // The commands work on the same data directory while the service runs, through the store's socket.
      for (String[] command : new String[][] {{"audit", "verify"}, {"keys", "list"}, {"retention", "run"},
          {"label", waybill, "-o", dir.resolve("label.pdf").toString()}}) {
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
            java.util.stream.Stream.of("--data", data.toString())).toArray(String[]::new);
        try (ServiceProcess c = ServiceProcess.start(Map.of(), args)) {
          assertThat(c.awaitExit(Duration.ofSeconds(120))).as(String.join(" ", command) + "\n"
              + String.join("\n", c.output())).isZero();
        }
      }
      assertThat(get(port, "/health", null).statusCode()).as("the service still serves").isEqualTo(200);
    }
    try (ServiceProcess p = ServiceProcess.start(Map.of(), "serve", "--port", "0", "--host", "127.0.0.1",
        "--data", data.toString(), "--demo")) {
      int port = p.awaitPort(Duration.ofSeconds(90));
      assertThat(String.join("\n", p.output())).doesNotContain(adminToken);
      assertThat(get(port, "/v1/shipments/" + waybill, merchantToken).statusCode()).isEqualTo(200);
      assertThat(get(port, "/v1/principals", adminToken).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void existingDataWithMissingOrWrongMasterKey_stopsWithAClearMessage(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    try (ServiceProcess p = ServiceProcess.start(Map.of(), "serve", "--port", "0", "--host", "127.0.0.1",
        "--data", data.toString())) {
      p.awaitPort(Duration.ofSeconds(90));
    }
    Path key = data.resolve("master.key");
    byte[] original = Files.readAllBytes(key);
    Files.delete(key);
    try (ServiceProcess p = ServiceProcess.start(Map.of(), "serve", "--port", "0", "--data", data.toString())) {
      assertThat(p.awaitExit(Duration.ofSeconds(60))).isNotZero();
      assertThat(String.join("\n", p.output())).contains("master key is missing");
    }
    assertThat(Files.exists(key)).as("no new key over existing data").isFalse();
    String wrong = Base64.getEncoder().encodeToString(new byte[32]);
    try (ServiceProcess p = ServiceProcess.start(Map.of("PARCELVEIL_MASTER_KEY", wrong), "serve", "--port", "0",
        "--data", data.toString())) {
      assertThat(p.awaitExit(Duration.ofSeconds(60))).isNotZero();
      assertThat(String.join("\n", p.output())).contains("does not open this key store");
    }
    Files.write(key, original);
  }

  HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(int port, String path, String token, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
