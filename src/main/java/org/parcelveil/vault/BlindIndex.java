package org.parcelveil.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parcelveil.keys.Secret;

/**
 * Keyed HMAC-SHA256 of a normalised phone number, so shipments can be found by phone without decrypting the store
 * and without a table an attacker could reverse by hashing every number. Values carry their key version
 * ({@code 1.<base64url>}) so the key can rotate while old rows are re-indexed: look-ups match every live version
 * ({@link #allOf}), new rows use the newest ({@link #of}). The versions can be replaced while in use
 * ({@link #update}), so a running service takes up a rotation without a restart.
 */
public final class BlindIndex {
  private volatile Keys keys;

  /** One set of key versions with their per-thread MACs. */
  private record Keys(List<Secret> versions, ThreadLocal<Mac[]> macs) {
    static Keys of(List<Secret> versions) {
      if (versions.isEmpty()) {
        throw new IllegalArgumentException("at least one blind-index key is needed");
      }
      List<Secret> copy = List.copyOf(versions);
      return new Keys(copy, ThreadLocal.withInitial(() -> newMacs(copy)));
    }
  }

  public BlindIndex(List<Secret> versions) {
    this.keys = Keys.of(versions);
  }

  /** Takes up a new set of key versions (after a rotation or a retirement); a no-op if nothing changed. */
  public void update(List<Secret> versions) {
    if (!versions.equals(keys.versions())) {
      this.keys = Keys.of(versions);
    }
  }

  /** The index of {@code phone} under the current key. */
  public String of(Phone phone) {
    Keys k = keys;
    return compute(k, k.versions().size() - 1, phone.reveal());
  }

  /** The index of {@code phone} under every live key version: what a look-up must match. */
  public List<String> allOf(Phone phone) {
    Keys k = keys;
    return IntStream.range(0, k.versions().size()).mapToObj(i -> compute(k, i, phone.reveal())).toList();
  }

  /**
   * The index of {@code phone} bound to one context (a parcel's waybill) under every live key version, newest last.
   * It matches no stored index of the phone itself, so keeping it ties the phone to that context alone: it cannot
   * be joined with the shipments' indexes, nor tested without the key.
   */
  public List<String> allBoundTo(String context, Phone phone) {
    Keys k = keys;
    // A phone is "+digits" and a context has no '+', so a bound input never equals a phone's own input.
    String input = context + "|" + phone.reveal();
    return IntStream.range(0, k.versions().size()).mapToObj(i -> compute(k, i, input)).toList();
  }

  /** The version new indexes are made with. */
  public int currentVersion() {
    List<Secret> v = keys.versions();
    return v.get(v.size() - 1).version();
  }

  /** The prefix every index under the current version starts with, e.g. {@code 2.}. */
  public String currentPrefix() {
    return currentVersion() + ".";
  }

  private static String compute(Keys k, int i, String e164) {
    byte[] mac = k.macs().get()[i].doFinal(e164.getBytes(StandardCharsets.US_ASCII));
    // 128 bits are ample against collisions among billions of phones and keep the column short.
    return k.versions().get(i).version() + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, 16));
  }

  private static Mac[] newMacs(List<Secret> versions) {
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
    return "BlindIndex[" + keys.versions().size() + " key versions]";
  }
}
