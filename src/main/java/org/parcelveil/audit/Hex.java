package org.parcelveil.audit;

import java.util.HexFormat;

/** Lower-case hex, the form hashes take in JSON and reports. */
final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  static String of(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  static byte[] parse(String hex) {
    return HEX.parseHex(hex);
  }
}
