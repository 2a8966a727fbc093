package org.parcelveil.rotation;

import java.util.List;
import java.util.Map;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyParams;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.Secret;
import org.parcelveil.waybill.WaybillCodec;
import org.parcelveil.waybill.WaybillKey;

/**
 * The waybill key versions of the key store as the codec needs them: each version numbers the counters from the
 * first counter recorded with it (version 1: from 0) up to the next version's. {@link #current()} is what an issuer
 * asks for after each lease; it rebuilds the codec only when the versions changed.
 */
public final class WaybillKeys {
  static final String FIRST_COUNTER = "firstCounter";

  private final KeyStore keys;
  private final String prefix;
  private volatile Built built;

  private record Built(List<Secret> versions, WaybillCodec codec) {}

  public WaybillKeys(KeyStore keys, String prefix) {
    this.keys = keys;
    this.prefix = prefix;
  }

  /** The codec over every live waybill key version, as the key store holds them now. */
  public WaybillCodec current() {
    List<Secret> versions = keys.secrets(KeyName.WAYBILL);
    Built b = built;
    if (b == null || !b.versions().equals(versions)) {
      b = new Built(versions, new WaybillCodec(prefix, of(versions)));
      built = b;
    }
    return b.codec();
  }

  static List<WaybillKey> of(List<Secret> versions) {
    return versions.stream().map(s -> new WaybillKey(s.version(), firstCounter(s), s.bytes())).toList();
  }

  static long firstCounter(Secret s) {
    return s.param(FIRST_COUNTER).map(Long::parseLong).orElse(0L);
  }

  static String params(long firstCounter) {
    return KeyParams.of(Map.of(FIRST_COUNTER, Long.toString(firstCounter)));
  }
}
