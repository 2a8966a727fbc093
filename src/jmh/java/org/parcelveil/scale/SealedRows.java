package org.parcelveil.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.parcelveil.access.Principals;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.http.Json;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentRequest;
import org.parcelveil.vault.Area;
import org.parcelveil.waybill.WaybillCodec;

/**
 * Real sealed shipment rows, as the service writes them: a few thousand made by the service itself (validated,
 * numbered, encrypted, blind-indexed), then copied under further real waybill numbers (the same FF1 codec, fresh
 * counters), so that the keys are as random as in production and every row has production's size.
 */
public final class SealedRows {
  private SealedRows() {}

  /** {@code count} rows made from {@code originals} sealed by the service. */
  public static List<Shipment> make(int originals, int count) throws Exception {
    List<Shipment> made = sealedByTheService(originals);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    WaybillCodec codec = new WaybillCodec(WaybillCodec.DEFAULT_PREFIX, key);
    // FF1 encryption is the costly part: number the copies in parallel.
    return IntStream.range(0, count).parallel().mapToObj(i -> {
      Shipment s = made.get(i % made.size());
      return new Shipment(codec.encode(1_000_000L + i), s.merchantId(), s.reference(), s.state(), s.origin(),
          s.destination(), s.sortCode(), s.parcel(), s.cod(), s.retentionDay(), s.createdAt(), s.updatedAt(),
          s.shreddedAt(), s.canary(), s.sender(), s.recipient(), s.assignment(), s.sealedOrder(), s.payment(), s.deliveryPin());
    }).toList();
  }

  static List<Shipment> sealedByTheService(int count) throws Exception {
    Path dir = Files.createTempDirectory("pv-rows-");
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    try (ParcelVeil pv = ParcelVeil.open(Settings.defaults(dir),
        Map.of(MasterKeySource.ENV, Base64.getEncoder().encodeToString(master)))) {
      pv.network().create("HZH", "Hangzhou hub", "HUB", new Area("浙江省", "杭州市", "余杭区"));
      pv.network().create("HZ-XH01", "Xihu station", "STATION", new Area("浙江省", "杭州市", "西湖区"));
      Principals.Created merchant = pv.principals().create(null, "merchant", "Scale merchant", null);
      for (int done = 0; done < count; done += 1000) {
        List<Object> items = new ArrayList<>();
        for (int i = done; i < Math.min(count, done + 1000); i++) {
          items.add(Json.mapper().convertValue(Fixtures.shipment("ORDER-" + i), ShipmentRequest.class));
        }
        pv.shipments().createBatch(merchant.principal(), items);
      }
      List<Shipment> rows = pv.shipments().ofMerchant(merchant.principal().id(), count);
      if (rows.size() != count) {
        throw new IllegalStateException("the service stored " + rows.size() + " of " + count + " shipments");
      }
      return rows;
    }
  }
}
