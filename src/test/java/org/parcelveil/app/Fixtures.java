package org.parcelveil.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies used across the API tests. Personal values carry markers so leak tests can grep for them. */
public final class Fixtures {
  public static final String MARK_NAME = "Zqmarkname";
  public static final String MARK_PHONE = "13987654321";
  public static final String MARK_PHONE_DIGITS = "987654";
  public static final String MARK_STREET = "Markstreet";
  public static final String MARK_DETAIL = "Markroom";
  public static final List<String> MARKERS = List.of(MARK_NAME, MARK_PHONE_DIGITS, MARK_STREET, MARK_DETAIL,
      "宝玉黛", "Qxsender");

  private Fixtures() {}

  public static Map<String, Object> area(String province, String city, String district) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("province", province);
    m.put("city", city);
    m.put("district", district);
    return m;
  }

  public static Map<String, Object> party(String name, String phone, String district) {
    Map<String, Object> address = area("浙江省", "杭州市", district);
    address.put("street", MARK_STREET + " 12");
    address.put("detail", MARK_DETAIL + " 1204");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("phone", phone);
    p.put("address", address);
    return p;
  }

  public static Map<String, Object> shipment(String reference) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("reference", reference);
    s.put("sender", party("Qxsender Shop", "13800001111", "滨江区"));
    s.put("recipient", party(MARK_NAME + " 贾宝玉黛", MARK_PHONE, "西湖区"));
    s.put("parcel", Map.of("weightGrams", 1200, "lengthCm", 30, "widthCm", 20, "heightCm", 10));
    s.put("cod", Map.of("amountCents", 12850, "currency", "CNY"));
    return s;
  }

  /** A hub and a station for the Hangzhou districts the fixtures ship to. */
  public static void network(TestService svc) {
    svc.post("/v1/stations", svc.adminToken,
        Map.of("code", "HZH", "name", "Hangzhou hub", "kind", "HUB", "area", area("浙江省", "杭州市", "余杭区")));
    svc.post("/v1/stations", svc.adminToken,
        Map.of("code", "HZ-XH01", "name", "Xihu station", "kind", "STATION", "area", area("浙江省", "杭州市", "西湖区")));
    svc.post("/v1/stations", svc.adminToken,
        Map.of("code", "HZ-BJ01", "name", "Binjiang station", "kind", "STATION", "area", area("浙江省", "杭州市", "滨江区")));
  }
}
