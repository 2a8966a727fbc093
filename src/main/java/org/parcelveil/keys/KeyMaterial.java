package org.parcelveil.keys;

import org.jspecify.annotations.Nullable;

/**
 * One stored key: its wrapped material (null once destroyed), the master-key generation that wraps it and its
 * non-secret parameters.
 */
record KeyMaterial(String name, int version, String kind, String state, @Nullable String material, int masterGen,
    @Nullable String params) {
  static final String KEYSET = "AEAD_KEYSET";
  static final String SECRET = "SECRET";

  static KeyMaterial keyset(String name, int version, String wrapped, int masterGen) {
    return new KeyMaterial(name, version, KEYSET, "ACTIVE", wrapped, masterGen, null);
  }

  static KeyMaterial secret(String name, int version, String wrapped, int masterGen, @Nullable String params) {
    return new KeyMaterial(name, version, SECRET, "ACTIVE", wrapped, masterGen, params);
  }

  boolean isDestroyed() {
    return material == null;
  }

  KeyMaterial rewrapped(String wrapped, int generation) {
    return new KeyMaterial(name, version, kind, state, wrapped, generation, params);
  }

  @Override
  public String toString() {
    return "KeyMaterial[" + name + " v" + version + " " + state + "]";
  }
}
