package org.parcelveil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlTest {
  private static final String MARK = "ZQ-MARKED-7781";
  static Database db;
  static Sql sql;

  @BeforeAll
  static void open() {
    db = Database.open(TestDatabases.freshPostgres(), "main", 2);
    sql = Sql.over(db.dataSource());
    sql.useHandle("create", h -> h.execute("CREATE TABLE sql_test (k TEXT PRIMARY KEY, n SMALLINT)"));
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void aSecondRowWithTheSameKey_isADuplicate_andTheTransactionRollsBack() {
    sql.useHandle("insert", h -> h.execute("INSERT INTO sql_test (k) VALUES (?)", "a"));
    assertThatThrownBy(() -> sql.useTransaction("could not add", h -> {
      h.execute("INSERT INTO sql_test (k) VALUES (?)", "b");
      h.execute("INSERT INTO sql_test (k) VALUES (?)", "a");
    })).isInstanceOf(DuplicateKeyException.class).hasMessage("could not add");
    int left = sql.withHandle("count", h -> h.createQuery("SELECT count(*) FROM sql_test WHERE k = 'b'")
        .mapTo(Integer.class).one());
    assertThat(left).isZero();
  }

  @Test
  void failures_nameWhatFailed_neverTheValuesBound() {
    StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
        () -> sql.useHandle("could not store", h -> h.execute("INSERT INTO sql_test (k, n) VALUES (?, ?)",
            MARK, 99999)));
    assertThat(e.getMessage()).isEqualTo("could not store");
    assertThat(e.valueRefused()).isTrue();
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(MARK);
    }
  }

  @Test
  void anUnknownTable_isAStoreFailure_notADuplicate() {
    assertThatThrownBy(() -> sql.withHandle("could not read", h -> h.createQuery("SELECT * FROM no_such_table")
        .mapToMap().list())).isExactlyInstanceOf(StoreException.class).hasMessage("could not read");
  }
}
