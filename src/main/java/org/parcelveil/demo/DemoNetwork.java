package org.parcelveil.demo;

import java.util.List;
import java.util.Random;
import org.parcelveil.network.Station;
import org.parcelveil.vault.Area;

/** The demo's stations and the made-up people it ships between. */
final class DemoNetwork {
  record StationSpec(String code, String name, Station.Kind kind, Area area) {}

  static final List<StationSpec> STATIONS = List.of(
      new StationSpec("HZH", "杭州转运中心", Station.Kind.HUB, new Area("浙江省", "杭州市", "余杭区")),
      new StationSpec("SHH", "上海转运中心", Station.Kind.HUB, new Area("上海市", "上海市", "青浦区")),
      new StationSpec("BJH", "北京转运中心", Station.Kind.HUB, new Area("北京市", "北京市", "顺义区")),
      new StationSpec("HZ-XH01", "杭州西湖营业部", Station.Kind.STATION, new Area("浙江省", "杭州市", "西湖区")),
      new StationSpec("HZ-BJ01", "杭州滨江营业部", Station.Kind.STATION, new Area("浙江省", "杭州市", "滨江区")),
      new StationSpec("SH-PD01", "上海浦东营业部", Station.Kind.STATION, new Area("上海市", "上海市", "浦东新区")),
      new StationSpec("SH-XH01", "上海徐汇营业部", Station.Kind.STATION, new Area("上海市", "上海市", "徐汇区")),
      new StationSpec("BJ-HD01", "北京海淀营业部", Station.Kind.STATION, new Area("北京市", "北京市", "海淀区")),
      new StationSpec("BJ-CY01", "北京朝阳营业部", Station.Kind.STATION, new Area("北京市", "北京市", "朝阳区")));

  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
      "马", "朱", "胡", "郭", "何", "林", "欧阳", "司马"};
  private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
      "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英"};
  private static final String[] LATIN = {"John Smith", "Maria Garcia", "Anna Müller", "Li Wei", "Sophie Martin"};
  private static final String[] STREETS = {"文三路", "天目山路", "江南大道", "世纪大道", "张杨路", "漕溪北路",
      "中关村大街", "建国路", "学院路", "南京西路"};

  private DemoNetwork() {}

  static Area pickDistrict(Random r) {
    List<StationSpec> stations = STATIONS.stream().filter(s -> s.kind() == Station.Kind.STATION).toList();
    return stations.get(r.nextInt(stations.size())).area();
  }

  static String name(Random r) {
    if (r.nextInt(20) == 0) {
      return LATIN[r.nextInt(LATIN.length)];
    }
    return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)]
        + (r.nextBoolean() ? GIVEN[r.nextInt(GIVEN.length)] : "");
  }

  /** Made-up mainland mobile numbers in the 1380000xxxx range. */
  static String phone(Random r) {
    return "1380000" + String.format("%04d", r.nextInt(10000));
  }

  static String street(Random r) {
    return STREETS[r.nextInt(STREETS.length)] + (1 + r.nextInt(999)) + "号";
  }
}
