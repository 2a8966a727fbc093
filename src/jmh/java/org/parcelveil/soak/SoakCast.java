package org.parcelveil.soak;

import java.util.ArrayList;
import java.util.List;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.vault.Area;

/**
 * The principals of a soak: a merchant in Binjiang shipping to Xihu, the desks of both stations, the Xihu courier
 * who delivers, and a few marketplace platforms (each platform has its own verification budget).
 */
public record SoakCast(String merchant, String originDesk, String destDesk, String courier, String courierId,
    List<String> platforms) {

  public static final Area ORIGIN = new Area("浙江省", "杭州市", "滨江区");
  public static final Area DESTINATION = new Area("浙江省", "杭州市", "西湖区");
  private static final int PLATFORMS = 4;

  /** Creates the stations and principals in the service, as an operator would before opening it. */
  public static SoakCast create(ParcelVeil pv) {
    pv.network().create("HZH", "Hangzhou hub", "HUB", new Area("浙江省", "杭州市", "余杭区"));
    pv.network().create("HZ-BJ01", "Binjiang station", "STATION", ORIGIN);
    pv.network().create("HZ-XH01", "Xihu station", "STATION", DESTINATION);
    var courier = pv.principals().create(null, "courier", "Soak courier", "HZ-XH01");
    List<String> platforms = new ArrayList<>();
    for (int i = 0; i < PLATFORMS; i++) {
      platforms.add(pv.principals().create(null, "platform", "Soak platform " + i, null).token());
    }
    return new SoakCast(pv.principals().create(null, "merchant", "Soak merchant", null).token(),
        pv.principals().create(null, "station", "Binjiang desk", "HZ-BJ01").token(),
        pv.principals().create(null, "station", "Xihu desk", "HZ-XH01").token(),
        courier.token(), courier.principal().id(), List.copyOf(platforms));
  }
}
