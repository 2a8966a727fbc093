package org.parcelveil.waybill;

import java.util.SplittableRandom;

/** Fixed keys for deterministic tests. */
final class TestKeys {
  private TestKeys() {}

  static byte[] key(long seed) {
    byte[] key = new byte[WaybillKey.KEY_BYTES];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) random.nextInt(256);
    }
    return key;
  }

  static WaybillCodec codec() {
    return new WaybillCodec("PV", key(1));
  }
}
