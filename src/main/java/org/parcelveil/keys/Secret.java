package org.parcelveil.keys;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One version of a raw secret key. Its bytes are read only through {@link #bytes()}; it never prints them. */
public final class Secret {
  private final String name;
  private final int version;
  private final byte[] bytes;
  private final @Nullable String params;

  Secret(String name, int version, byte[] bytes) {
    this(name, version, bytes, null);
  }

  Secret(String name, int version, byte[] bytes, @Nullable String params) {
    this.name = name;
    this.version = version;
    this.bytes = bytes.clone();
    this.params = params;
  }

  public String name() {
    return name;
  }

  public int version() {
    return version;
  }

  /** A copy of the key bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** A non-secret parameter recorded with this version ({@code key=value} pairs separated by {@code ;}). */
  public Optional<String> param(String key) {
    return KeyParams.get(params, key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.name.equals(name) && s.version == version
        && java.security.MessageDigest.isEqual(s.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + version;
  }

  @Override
  public String toString() {
    return "Secret[" + name + " v" + version + ", [REDACTED]]";
  }

}
