package org.parcelveil.vault;

import org.parcelveil.address.Division;
import org.parcelveil.address.Divisions;
import org.parcelveil.validation.Check;

/**
 * Province, city and district: where a parcel goes, at the grain sorting needs. Not personal on its own, so it is
 * stored and printed in clear.
 */
public record Area(String province, String city, String district) {

  /**
   * Checks an area as a client sends it against the official division list and writes it as the list does
   * ({@code 浙江 杭州 西湖} becomes {@code 浙江省 杭州市 西湖区}); errors go to {@code check} under {@code prefix}.
   */
  public static Area parse(Check check, String prefix, String province, String city, String district) {
    String p = check.text(prefix + ".province", province, 1, 32);
    String c = check.text(prefix + ".city", city, 1, 32);
    String d = check.text(prefix + ".district", district, 1, 32);
    if (p == null || c == null || d == null) {
      return null;
    }
    Division official = Divisions.official().check(check, prefix, p, c, d);
    return official == null ? null : new Area(official.province(), official.city(), official.district());
  }

  /** {@code 浙江省 杭州市 西湖区}. */
  public String display() {
    return province + " " + city + " " + district;
  }
}
