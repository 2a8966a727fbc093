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
class WebPurgeTest {

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

      // A signed-in console session, then one signed in 13 hours later: the first is past its 12-hour lifetime.
      String login = "purged";
      People.person(svc, "admin", "Admin", null, login);
      java.util.Map<String, byte[]> secrets = new java.util.HashMap<>();
      ConsoleClient first = new ConsoleClient(svc);
      People.signIn(first, svc, login, secrets);
      svc.clock.advance(Duration.ofHours(13));
      People.signIn(new ConsoleClient(svc), svc, login, secrets);
      assertThat(count(ds, "web_sessions")).isEqualTo(2);

      try (WebPurge purge = new WebPurge(nonces, org.parcelveil.web.session.Accounts.create(ds, svc.pv.principals(),
          svc.pv.keys(), svc.pv.audit().log(), org.parcelveil.web.session.Passwords.standard(), svc.clock).sessions()).start(Duration.ofMillis(50))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((rows(ds) > 1 || count(ds, "web_sessions") > 1) && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      }

      assertThat(rows(ds)).isEqualTo(1);
      assertThat(nonces.consume(fresh)).as("the day's nonce still works once only").isFalse();
      assertThat(count(ds, "web_sessions")).as("the expired session's row is gone, the live one stays").isEqualTo(1);
      assertThat(first.get("/console").path()).as("the purged session signs in again").isEqualTo("/console/signin");
    }
  }

  private static long count(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
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
