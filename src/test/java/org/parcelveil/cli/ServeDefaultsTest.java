package org.parcelveil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.http.HttpServer;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.store.TestDatabases;
import picocli.CommandLine;

/** {@code serve} listens on loopback unless told otherwise: a first start is never reachable from the network. */
class ServeDefaultsTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void serve_bindsLoopbackByDefault_withOrWithoutDemo(boolean demo) throws Exception {
    Path dir = Files.createTempDirectory("pv-serve-");
    List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data", dir.toString()));
    if (demo) {
      args.add("--demo");
    }
    Settings settings = serve(args.toArray(String[]::new)).settings();
    assertThat(InetAddress.getByName(settings.http().host()).isLoopbackAddress()).isTrue();

    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try (ParcelVeil pv = ParcelVeil.open(settings.withDatabase(TestDatabases.freshPostgres()),
        Map.of(MasterKeySource.ENV, Base64.getEncoder().encodeToString(key)));
        HttpServer server = pv.serve()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
      }
      List<InetAddress> outside = outsideAddresses();
      assumeThat(outside).as("a non-loopback address to try").isNotEmpty();
      for (InetAddress a : outside) {
        assertThatThrownBy(() -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(a, server.port()), 2000);
          }
        }).as(a.toString()).isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void hostOption_widensOnRequest() {
    assertThat(serve("serve", "--host", "0.0.0.0").settings().http().host()).isEqualTo("0.0.0.0");
    assertThat(Settings.defaults(Path.of("x")).http().host()).isEqualTo("127.0.0.1");
  }

  @Test
  void labels_pointToThePortServeListensOn_unlessPublicUrlIsSet() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Settings settings = serve("serve", "--port", Integer.toString(port)).settings();
    assertThat(settings.publicUrl(port)).isEqualTo("http://localhost:" + port);
    assertThat(serve("serve", "--port", "19080", "--public-url", "https://parcels.example.cn").settings()
        .publicUrl(19080)).isEqualTo("https://parcels.example.cn");

    Path dir = Files.createTempDirectory("pv-serve-");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try (ParcelVeil pv = ParcelVeil.open(settings.withDataDir(dir).withDatabase(TestDatabases.freshPostgres()),
        Map.of(MasterKeySource.ENV, Base64.getEncoder().encodeToString(key)));
        HttpServer server = pv.serve()) {
      assertThat(server.port()).isEqualTo(port);
      String admin = pv.principals().create(null, "admin", "Admin", null).token();
      String merchant = pv.principals().create(null, "merchant", "Shop", null).token();
      post(port, "/v1/stations", admin, Map.of("code", "HZ-XH01", "name", "Xihu", "kind", "STATION",
          "area", Fixtures.area("浙江省", "杭州市", "西湖区")));
      String waybill = org.parcelveil.http.Json.mapper()
          .readTree(post(port, "/v1/shipments", merchant, Fixtures.shipment("P-1"))).get("waybill").asText();
      String zpl = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + port + "/v1/shipments/" + waybill + "/label?format=zpl"))
          .header("Authorization", "Bearer " + merchant).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      assertThat(zpl).contains("^FDMA,http://localhost:" + port + "/c/").doesNotContain("localhost:8080");
    }
  }

  private static String post(int port, String path, String token, Object body) throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                org.parcelveil.http.Json.mapper().writeValueAsString(body))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return r.body();
  }

  /** The serve command as the command line parses these arguments, with an empty environment. */
  private static ServeCommand serve(String... args) {
    CommandLine cmd = Main.commandLine(Map.of());
    cmd.parseArgs(args);
    return cmd.getSubcommands().get("serve").getCommand();
  }

  private static List<InetAddress> outsideAddresses() throws IOException {
    List<InetAddress> out = new ArrayList<>();
    for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
      if (nic.isUp() && !nic.isLoopback()) {
        nic.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(out::add);
      }
    }
    return out;
  }
}
