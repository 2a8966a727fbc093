package org.parcelveil.vault;

import org.parcelveil.validation.Check;

/**
 * Province, city and district: where a parcel goes, at the grain sorting needs. Not personal on its own, so it is
 * stored and printed in clear.
 */
public record Area(String province, String city, String district) {

  public static Area parse(Check check, String prefix, String province, String city, String district) {
    String p = check.text(prefix + ".province", province, 1, 32);
    String c = check.text(prefix + ".city", city, 1, 32);
    String d = check.text(prefix + ".district", district, 1, 32);
    return p == null || c == null || d == null ? null : new Area(p, c, d);
  }

  /** {@code 浙江省 杭州市 西湖区}. */
  public String display() {
    return province + " " + city + " " + district;
  }
}
