package org.parcelveil.app;

import java.util.List;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.rotation.WaybillKeys;
import org.parcelveil.shipment.WaybillSource;
import org.parcelveil.waybill.CounterLeases;
import org.parcelveil.waybill.Waybill;
import org.parcelveil.waybill.WaybillCodec;
import org.parcelveil.waybill.WaybillIssuer;

/**
 * Wires the waybill codec (every waybill key version of the key store, re-read after each lease so that a rotation
 * is taken up before any counter of the new key's range is used) and counter leases into the shipment feature.
 */
final class Numbering {
  private Numbering() {}

  static WaybillSource issuer(Settings settings, KeyStore keys, CounterLeases leases) {
    WaybillKeys versions = new WaybillKeys(keys, settings.waybillPrefix());
    WaybillIssuer issuer = new WaybillIssuer(versions::current, leases);
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
