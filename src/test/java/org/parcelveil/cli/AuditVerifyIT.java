package org.parcelveil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;
import org.junit.jupiter.api.io.TempDir;

/** {@code parcelveil audit verify} on a real data directory: while the service runs, after it stops, after tampering. */
class AuditVerifyIT {

  @Test
  void verify_passesOnAnHonestLog_runningOrStopped_andNamesTheFirstTamperedEntry(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path trusted = dir.resolve("checkpoint.txt");
    try (ServiceProcess p = ServiceProcess.start(Map.of(), "serve", "--port", "0", "--host", "127.0.0.1",
        "--data", data.toString(), "--demo")) {
      int port = p.awaitPort(Duration.ofSeconds(90));
      HttpClient http = HttpClient.newHttpClient();
      String checkpoint = "";
      for (int i = 0; i < 100 && !checkpoint.contains("\n\n"); i++) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/v1/audit/checkpoint")).build(), HttpResponse.BodyHandlers.ofString());
        checkpoint = r.statusCode() == 200 ? r.body() : "";
        Thread.sleep(200);
      }
      assertThat(checkpoint).contains("\n\n");
      Files.writeString(trusted, checkpoint);
      assertThat(verify(data, trusted)).isZero();
    }
    assertThat(verify(data, trusted)).isZero();

    // An insider with the data directory edits one entry behind the service's back.
    try (Database db = Database.open(DatabaseSettings.embedded(data), "main", 2); Connection c = db.connection()) {
      c.createStatement().executeUpdate("UPDATE audit_entries SET principal_id = 'someone-else' WHERE idx = 3");
    }
    try (ServiceProcess v = ServiceProcess.start(Map.of(), "audit", "verify", "--data", data.toString(),
        "--trusted", trusted.toString())) {
      assertThat(v.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
      assertThat(String.join("\n", v.output())).contains("first bad index: 3");
    }
  }

  static int verify(Path data, Path trusted) throws Exception {
    try (ServiceProcess v = ServiceProcess.start(Map.of(), "audit", "verify", "--data", data.toString(),
        "--trusted", trusted.toString())) {
      int code = v.awaitExit(Duration.ofSeconds(90));
      assertThat(String.join("\n", v.output())).as("exit %d", code).contains(code == 0 ? "VERIFIED" : "");
      return code;
    }
  }
}
