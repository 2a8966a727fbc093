package org.parcelveil.waybill;

import java.nio.file.Path;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;

/** A node for the crash test: issues a few numbers from the embedded store, prints them, and waits to be killed. */
final class KilledNode {
  private KilledNode() {}

  public static void main(String[] args) throws InterruptedException {
    Database db = Database.open(DatabaseSettings.embedded(Path.of(args[0])), "main", 2);
    WaybillIssuer issuer = new WaybillIssuer(TestKeys.codec(), new CounterLeases(db.dataSource()));
    for (int i = 0; i < 3; i++) {
      System.out.println("ISSUED " + issuer.next());
    }
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
