package org.parcelveil.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The carrier's network and the people of a simulated day, made through the API: six cities with a hub and four
 * district stations each, a desk and couriers at every station, two sorters at every hub, merchants with a shop in
 * some district, and a few marketplaces.
 */
final class BrushingWorld {
  private static final String[][] CITIES = {
      {"浙江省", "杭州市", "HZ", "西湖区", "滨江区", "余杭区", "上城区"},
      {"上海市", "上海市", "SH", "浦东新区", "徐汇区", "静安区", "闵行区"},
      {"江苏省", "南京市", "NJ", "玄武区", "鼓楼区", "江宁区", "秦淮区"},
      {"广东省", "广州市", "GZ", "天河区", "越秀区", "海珠区", "白云区"},
      {"广东省", "深圳市", "SZ", "南山区", "福田区", "宝安区", "龙岗区"},
      {"四川省", "成都市", "CD", "锦江区", "武侯区", "青羊区", "金牛区"}};

  /** A district and the station that serves it, under its city's hub. */
  record District(String province, String city, String district, String station, String hub) {
    Map<String, Object> area(boolean withDistrict) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("province", province);
      m.put("city", city);
      if (withDistrict) {
        m.put("district", district);
      }
      return m;
    }
  }

  /** A principal: its token and id. */
  record Account(String token, String id) {}

  /** A shop: the merchant account and the district it ships from. */
  record Merchant(Account account, District shop) {}

  private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();

  final List<District> districts = new ArrayList<>();
  final Map<String, Account> desks = new HashMap<>();
  final Map<String, List<Account>> couriers = new HashMap<>();
  final Map<String, List<Account>> sorters = new HashMap<>();
  final List<Merchant> merchants = new ArrayList<>();
  final List<Account> platforms = new ArrayList<>();

  static BrushingWorld build(Api api, String admin, int merchantCount, int platformCount, Random random) {
    BrushingWorld w = new BrushingWorld();
    for (String[] c : CITIES) {
      String hub = c[2] + "H";
      api.post("/v1/stations", admin, station(hub, "HUB", c[0], c[1], c[3]), 201);
      w.sorters.put(hub, List.of(w.principal(api, admin, "station", hub), w.principal(api, admin, "station", hub)));
      for (int d = 3; d < c.length; d++) {
        String code = c[2] + "-0" + (d - 2);
        api.post("/v1/stations", admin, station(code, "STATION", c[0], c[1], c[d]), 201);
        w.districts.add(new District(c[0], c[1], c[d], code, hub));
        w.desks.put(code, w.principal(api, admin, "station", code));
        w.couriers.put(code, List.of(w.principal(api, admin, "courier", code), w.principal(api, admin, "courier", code)));
      }
    }
    for (int i = 0; i < merchantCount; i++) {
      w.merchants.add(new Merchant(w.principal(api, admin, "merchant", null), w.anyDistrict(random)));
    }
    for (int i = 0; i < platformCount; i++) {
      w.platforms.add(w.principal(api, admin, "platform", null));
    }
    return w;
  }

  District anyDistrict(Random random) {
    return districts.get(random.nextInt(districts.size()));
  }

  Account courier(String station, Random random) {
    List<Account> list = couriers.get(station);
    return list.get(random.nextInt(list.size()));
  }

  Account sorter(String hub, Random random) {
    List<Account> list = sorters.get(hub);
    return list.get(random.nextInt(list.size()));
  }

  private Account principal(Api api, String admin, String role, String station) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("role", role);
    body.put("name", role + " " + (station == null ? "" : station + " ") + NEXT.incrementAndGet());
    if (station != null) {
      body.put("stationCode", station);
    }
    JsonNode r = api.post("/v1/principals", admin, body, 201);
    return new Account(r.get("token").asText(), r.get("id").asText());
  }

  private static Map<String, Object> station(String code, String kind, String province, String city, String district) {
    Map<String, Object> area = new LinkedHashMap<>();
    area.put("province", province);
    area.put("city", city);
    area.put("district", district);
    return Map.of("code", code, "name", code, "kind", kind, "area", area);
  }
}
