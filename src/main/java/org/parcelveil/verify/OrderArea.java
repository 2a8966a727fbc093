package org.parcelveil.verify;

import java.text.Normalizer;
import org.jspecify.annotations.Nullable;
import org.parcelveil.vault.Area;

/** An area as a marketplace order states it: province and city, the district when the platform knows it. */
public record OrderArea(String province, String city, @Nullable String district) {

  /** True when the shipment's area is this one: same province and city, and same district if one was given. */
  boolean matches(Area a) {
    return same(province, a.province()) && same(city, a.city()) && (district == null || same(district, a.district()));
  }

  private static boolean same(String x, String y) {
    return norm(x).equals(norm(y));
  }

  private static String norm(String s) {
    return Normalizer.normalize(s.strip(), Normalizer.Form.NFC);
  }
}
