package org.parcelveil.waybill;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * One version of the waybill key: 32 key bytes that number the counters from {@code firstCounter} up to the next
 * version's first counter.
 *
 * <p>The key bytes are copied in and out and never appear in {@link #toString()}.
 */
public record WaybillKey(int version, long firstCounter, byte[] key) {
  public static final int KEY_BYTES = 32;

  public WaybillKey {
    if (version < 0) {
      throw new IllegalArgumentException("key version must not be negative: " + version);
    }
    if (firstCounter < 0 || firstCounter >= WaybillFormat.LIMIT) {
      throw new IllegalArgumentException("first counter must be in [0, 10^14): " + firstCounter);
    }
    Objects.requireNonNull(key, "key");
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("waybill key must be " + KEY_BYTES + " bytes, not " + key.length);
    }
    key = key.clone();
  }

  /** A copy of the key bytes. */
  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WaybillKey other
        && version == other.version
        && firstCounter == other.firstCounter
        && MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    // Leaves the key out: a hash of it would leak bits of it.
    return 31 * Integer.hashCode(version) + Long.hashCode(firstCounter);
  }

  @Override
  public String toString() {
    return "WaybillKey[version=" + version + ", firstCounter=" + firstCounter + ", key=***]";
  }
}
