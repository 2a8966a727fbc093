package org.parcelveil.address;

import java.util.List;

/**
 * The short forms people write for division names: {@code 浙江} for 浙江省, {@code 杭州} for 杭州市, {@code 西湖} for
 * 西湖区, {@code 广西} for 广西壮族自治区, {@code 恩施} for 恩施土家族苗族自治州. Worked out once, when the list loads.
 */
final class ShortNames {
  /** Longest first, so that 自治县 goes before 县. */
  private static final List<String> SUFFIXES = List.of("特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区",
      "特区", "林区", "地区", "省", "市", "区", "县", "旗", "盟");

  /** The 55 recognised ethnic minorities, longest first; names of two or more characters may drop the 族. */
  private static final List<String> PEOPLES = List.of("柯尔克孜", "乌孜别克", "维吾尔", "哈萨克", "达斡尔", "塔吉克",
      "俄罗斯", "鄂温克", "鄂伦春", "塔塔尔", "蒙古", "布依", "朝鲜", "土家", "哈尼", "傈僳", "拉祜", "东乡", "纳西", "景颇",
      "仫佬", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "德昂", "保安", "裕固", "独龙", "赫哲", "门巴", "珞巴",
      "基诺", "高山", "回", "藏", "苗", "彝", "壮", "满", "侗", "瑶", "白", "傣", "黎", "佤", "畲", "水", "土", "羌", "怒", "京");

  private ShortNames() {}

  /** The short form of {@code name}, or null when it has none of at least two characters. */
  static String of(String name) {
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix) && name.length() - suffix.length() >= 2) {
        String stem = name.substring(0, name.length() - suffix.length());
        return suffix.startsWith("自治") ? withoutPeoples(stem) : stem;
      }
    }
    return null;
  }

  /** 恩施土家族苗族 -> 恩施; 内蒙古 stays (a stem keeps at least two characters). */
  private static String withoutPeoples(String stem) {
    String s = stem;
    boolean cut = true;
    while (cut) {
      cut = false;
      for (String people : PEOPLES) {
        String withZu = people + "族";
        if (s.endsWith(withZu) && s.length() - withZu.length() >= 2) {
          s = s.substring(0, s.length() - withZu.length());
          cut = true;
          break;
        }
        if (people.length() >= 2 && s.endsWith(people) && s.length() - people.length() >= 2) {
          s = s.substring(0, s.length() - people.length());
          cut = true;
          break;
        }
      }
    }
    return s;
  }
}
