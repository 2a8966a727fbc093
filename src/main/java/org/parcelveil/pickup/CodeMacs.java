package org.parcelveil.pickup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parcelveil.keys.Secret;

/**
 * Keyed HMAC-SHA256 of a code bound to its parcel and kind (and, for a pickup code, the phone's last four digits):
 * the only form a code is stored in, so a copy of the table tells nothing without the key, and a code of one parcel
 * matches no other. Values carry the key version they were made under, so the key can rotate.
 */
final class CodeMacs {
  private final List<Secret> versions;

  CodeMacs(List<Secret> versions) {
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("at least one pickup-codes key is needed");
    }
    this.versions = List.copyOf(versions);
  }

  /** The current key's version, which new codes are made under. */
  int currentVersion() {
    return versions.get(versions.size() - 1).version();
  }

  /** The MAC of a code under the current key; {@code last4} is empty for a PIN. */
  String of(CodeKind kind, String waybill, String code, String last4) {
    return compute(versions.get(versions.size() - 1), kind, waybill, code, last4);
  }

  /** True if the code (and digits) match the stored MAC, compared in constant time; false under an unknown key. */
  boolean matches(String stored, int version, CodeKind kind, String waybill, String code, String last4) {
    Optional<Secret> key = versions.stream().filter(s -> s.version() == version).findFirst();
    String candidate = key.map(k -> compute(k, kind, waybill, code, last4)).orElse("");
    return key.isPresent() && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII),
        stored.getBytes(StandardCharsets.US_ASCII));
  }

  private static String compute(Secret key, CodeKind kind, String waybill, String code, String last4) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
      String input = kind.name() + "|" + waybill + "|" + code + "|" + last4;
      return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "CodeMacs[" + versions.size() + " key versions]";
  }
}
