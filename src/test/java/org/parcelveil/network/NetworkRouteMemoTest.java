package org.parcelveil.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.MutableClock;
import org.parcelveil.store.Database;
import org.parcelveil.store.TestDatabases;
import org.parcelveil.vault.Area;

/** Routes are memoised per snapshot of the stations: a station added anywhere changes the routes it should. */
class NetworkRouteMemoTest {
  private static final Area FROM = new Area("广东省", "深圳市", "南山区");
  private static final Area TO = new Area("浙江省", "杭州市", "西湖区");
  static Database db;

  @BeforeAll
  static void open() {
    db = Database.open(TestDatabases.freshPostgres(), "main", 2);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void aStationAddedThroughThisNode_isOnTheNextRoute() {
    MutableClock clock = new MutableClock();
    Network network = new Network(new StationRepository(db.dataSource()), clock);
    network.create("MEMO-S2", "南山二站", "STATION", FROM);
    assertThat(network.route(FROM, TO).originStation()).isEqualTo("MEMO-S2");
    assertThat(network.route(FROM, TO)).isSameAs(network.route(FROM, TO));

    network.create("MEMO-S1", "南山一站", "STATION", FROM);

    assertThat(network.route(FROM, TO).originStation()).isEqualTo("MEMO-S1");
  }

  @Test
  void aStationAddedByAnotherNode_isOnRoutesWithinTheRefreshInterval() {
    MutableClock clock = new MutableClock();
    Area from = new Area("江苏省", "南京市", "鼓楼区");
    Network here = new Network(new StationRepository(db.dataSource()), clock);
    Network other = new Network(new StationRepository(db.dataSource()), clock);
    here.create("MEMO-N2", "鼓楼二站", "STATION", from);
    assertThat(here.route(from, TO).originStation()).isEqualTo("MEMO-N2");

    other.create("MEMO-N1", "鼓楼一站", "STATION", from);
    clock.advance(Network.REFRESH.plus(Duration.ofMillis(1)));

    assertThat(here.route(from, TO).originStation()).isEqualTo("MEMO-N1");
  }
}
