package org.parcelveil.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parcelveil.keys.Secret;

/**
 * Keyed HMAC-SHA256 of a normalised phone number, so shipments can be found by phone without decrypting the store
 * and without a table an attacker could reverse by hashing every number. Values carry their key version
 * ({@code 1.<base64url>}) so the key can rotate while old rows are re-indexed.
 */
public final class BlindIndex {
  private final List<Secret> versions;
  private final ThreadLocal<Mac[]> macs;

  public BlindIndex(List<Secret> versions) {
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("at least one blind-index key is needed");
    }
    this.versions = List.copyOf(versions);
    this.macs = ThreadLocal.withInitial(this::newMacs);
  }

  /** The index of {@code phone} under the current key. */
  public String of(Phone phone) {
    return compute(versions.size() - 1, phone.reveal());
  }

  /** The index of {@code phone} under every live key version: what a look-up must match. */
  public List<String> allOf(Phone phone) {
    return java.util.stream.IntStream.range(0, versions.size()).mapToObj(i -> compute(i, phone.reveal())).toList();
  }

  private String compute(int i, String e164) {
    byte[] mac = macs.get()[i].doFinal(e164.getBytes(StandardCharsets.US_ASCII));
    // 128 bits are ample against collisions among billions of phones and keep the column short.
    return versions.get(i).version() + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(java.util.Arrays.copyOf(mac, 16));
  }

  private Mac[] newMacs() {
    try {
      Mac[] out = new Mac[versions.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = Mac.getInstance("HmacSHA256");
        out[i].init(new SecretKeySpec(versions.get(i).bytes(), "HmacSHA256"));
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "BlindIndex[" + versions.size() + " key versions]";
  }
}
