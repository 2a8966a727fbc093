package org.parcelveil.waybill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;

class CrashTest {

  @Test
  void killMinus9RightAfterIssuing_onEmbeddedH2_neverReissuesAfterRestart(@TempDir Path dir) throws Exception {
    Set<Long> issuedBeforeKill = new HashSet<>();
    Process node = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            KilledNode.class.getName(), dir.toString())
        .redirectErrorStream(true)
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("READY")) {
        if (line.startsWith("ISSUED ")) {
          issuedBeforeKill.add(TestKeys.codec().decode(line.substring(7)).orElseThrow());
        }
      }
      // SIGKILL within milliseconds of the lease: no shutdown hook, no orderly close of the database.
      node.destroyForcibly();
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(issuedBeforeKill).hasSize(3);
    assertThat(Files.list(dir).count()).isPositive();

    try (Database db = Database.open(DatabaseSettings.embedded(dir), "main", 2)) {
      WaybillIssuer issuer = new WaybillIssuer(TestKeys.codec(), new CounterLeases(db.dataSource()));
      for (Waybill w : issuer.next(100)) {
        assertThat(issuedBeforeKill).doesNotContain(TestKeys.codec().decode(w).orElseThrow());
      }
    }
  }
}
