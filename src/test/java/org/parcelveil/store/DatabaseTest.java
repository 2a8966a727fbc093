package org.parcelveil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseTest {

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void open_appliesMigrations(String kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), "main", 2);
        var c = db.connection();
        ResultSet rs = c.createStatement().executeQuery("SELECT next_value FROM waybill_counter WHERE id = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isZero();
    }
  }
}
