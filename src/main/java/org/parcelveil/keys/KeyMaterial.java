package org.parcelveil.keys;

import org.jspecify.annotations.Nullable;

/** One stored key: its wrapped material, or null once destroyed. */
record KeyMaterial(String name, int version, String kind, String state, @Nullable String material) {
  static final String KEYSET = "AEAD_KEYSET";
  static final String SECRET = "SECRET";

  static KeyMaterial keyset(String name, int version, String wrapped) {
    return new KeyMaterial(name, version, KEYSET, "ACTIVE", wrapped);
  }

  static KeyMaterial secret(String name, int version, String wrapped) {
    return new KeyMaterial(name, version, SECRET, "ACTIVE", wrapped);
  }

  boolean isDestroyed() {
    return material == null;
  }

  @Override
  public String toString() {
    return "KeyMaterial[" + name + " v" + version + " " + state + "]";
  }
}
