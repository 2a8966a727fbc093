package org.parcelveil.leaks.canary;

import java.util.regex.Pattern;

/**
 * How canaries are made: the carrier-controlled number range their phones come from (a prefix of a mainland mobile
 * number, the rest random), and how many one request may create.
 */
public record CanarySettings(String phonePrefix, int maxPerRequest) {
  private static final Pattern PREFIX = Pattern.compile("1[3-9]\\d{1,8}");

  public static final CanarySettings DEFAULTS = new CanarySettings("1700000", 1000);

  public CanarySettings {
    if (phonePrefix == null || !PREFIX.matcher(phonePrefix).matches()) {
      throw new IllegalArgumentException("phonePrefix must be 2 to 10 digits of a mainland mobile number, was "
          + phonePrefix);
    }
    if (maxPerRequest < 1) {
      throw new IllegalArgumentException("maxPerRequest must be at least 1, was " + maxPerRequest);
    }
  }
}
