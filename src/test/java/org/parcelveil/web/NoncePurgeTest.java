package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;
import org.parcelveil.web.session.FormNonces;

/** The used-nonce table keeps about a day: the periodic purge forgets older nonces and keeps the day's. */
class NoncePurgeTest {

  @Test
  void periodicPurge_forgetsNoncesOlderThanADay_andKeepsTheDays() throws Exception {
    try (TestService svc = TestService.start()) {
      DataSource ds = svc.pv.database().dataSource();
      FormNonces nonces = new FormNonces(ds, svc.clock);
      String old = nonces.issue();
      assertThat(nonces.consume(old)).isTrue();
      svc.clock.advance(Duration.ofHours(25));
      String fresh = nonces.issue();
      assertThat(nonces.consume(fresh)).isTrue();
      assertThat(rows(ds)).isEqualTo(2);

      try (NoncePurge purge = new NoncePurge(nonces).start(Duration.ofMillis(50))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (rows(ds) > 1 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      }

      assertThat(rows(ds)).isEqualTo(1);
      assertThat(nonces.consume(fresh)).as("the day's nonce still works once only").isFalse();
    }
  }

  private static long rows(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM web_used_nonces")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
