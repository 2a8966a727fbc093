package org.parcelveil.leaks.canary;

import java.security.SecureRandom;
import java.util.List;
import org.parcelveil.shipment.RecipientInput;
import org.parcelveil.shipment.ShipmentRequest;
import org.parcelveil.vault.Area;
import org.parcelveil.vault.PersonInput;

/**
 * Synthetic but ordinary-looking shipments: common names, real districts of the network, order-like references and
 * phones from the carrier's canary range. Nothing in them is marked; only the canary table knows.
 */
final class CanaryParties {
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
      "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐"};
  private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
      "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "婷", "浩", "宇", "欣"};
  private static final String[] SHOPS = {"优品生活馆", "鲜果坊", "家居好物店", "数码小铺", "茶香阁", "童趣屋",
      "美妆集合店", "运动户外店", "书香文具店", "宠物用品店"};
  private static final String[] STREETS = {"人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "文化路",
      "光明路", "胜利路", "青年路", "朝阳路", "长江路"};
  private static final String[] BUILDINGS = {"小区", "花园", "公寓", "大厦", "苑", "家园"};

  private final SecureRandom random = new SecureRandom();
  private final String phonePrefix;

  CanaryParties(String phonePrefix) {
    this.phonePrefix = phonePrefix;
  }

  ShipmentRequest request(List<Area> districts) {
    Area from = districts.get(random.nextInt(districts.size()));
    Area to = districts.get(random.nextInt(districts.size()));
    PersonInput sender = new PersonInput(pick(SURNAMES) + "氏" + pick(SHOPS), phone(), address(from));
    PersonInput recipient = new PersonInput(name(), phone(), address(to));
    boolean cod = random.nextInt(6) == 0;
    return new ShipmentRequest(reference(), sender, RecipientInput.plain(recipient),
        new ShipmentRequest.ParcelInput(200 + random.nextInt(4800), 15 + random.nextInt(35), 10 + random.nextInt(25),
            5 + random.nextInt(20)),
        cod ? new ShipmentRequest.CodInput((long) (990 + random.nextInt(40000)), "CNY") : null);
  }

  private String name() {
    return pick(SURNAMES) + pick(GIVEN) + (random.nextBoolean() ? pick(GIVEN) : "");
  }

  private String phone() {
    StringBuilder b = new StringBuilder(phonePrefix);
    while (b.length() < 11) {
      b.append(random.nextInt(10));
    }
    return b.toString();
  }

  private PersonInput.AddressInput address(Area a) {
    return new PersonInput.AddressInput(a.province(), a.city(), a.district(),
        pick(STREETS) + (1 + random.nextInt(400)) + "号",
        pick(SURNAMES) + "家" + pick(BUILDINGS) + (1 + random.nextInt(30)) + "栋" + (101 + random.nextInt(2400)) + "室");
  }

  private String reference() {
    StringBuilder b = new StringBuilder("DD");
    for (int i = 0; i < 16; i++) {
      b.append(random.nextInt(10));
    }
    return b.toString();
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
