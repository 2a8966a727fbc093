package org.parcelveil.app;

import java.util.List;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.shipment.WaybillSource;
import org.parcelveil.store.Database;
import org.parcelveil.waybill.CounterLeases;
import org.parcelveil.waybill.Waybill;
import org.parcelveil.waybill.WaybillCodec;
import org.parcelveil.waybill.WaybillIssuer;

/** Wires the waybill codec (key from the key store) and counter leases into the shipment feature. */
final class Numbering {
  private Numbering() {}

  static WaybillSource issuer(Settings settings, KeyStore keys, Database database) {
    WaybillCodec codec = new WaybillCodec(settings.waybillPrefix(), keys.currentSecret("waybill").bytes());
    WaybillIssuer issuer = new WaybillIssuer(codec,
        new CounterLeases(database.dataSource(), settings.counterBlockSize()));
    String prefix = settings.waybillPrefix();
    return new WaybillSource() {
      @Override
      public List<String> next(int count) {
        return issuer.next(count).stream().map(Waybill::value).toList();
      }

      @Override
      public boolean isWellFormed(String waybill) {
        return WaybillCodec.isWellFormed(waybill, prefix);
      }
    };
  }
}
