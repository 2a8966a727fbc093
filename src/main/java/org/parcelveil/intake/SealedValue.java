package org.parcelveil.intake;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sealed recipient as platforms send it: {@code pvs1.<keyId>.<base64url(enc)>.<base64url(ciphertext)>}, base64url
 * without padding. Only the form is checked here; whether it opens is {@link IntakeOpener}'s question.
 */
public record SealedValue(String keyId, byte[] enc, byte[] ciphertext) {
  /** A party's JSON is a few hundred bytes; anything far larger is refused before any work. */
  public static final int MAX_CHARS = 4096;
  /** AES-256-GCM's tag: the shortest ciphertext there can be. */
  private static final int TAG_BYTES = 16;
  private static final Pattern FORM =
      Pattern.compile("pvs1\\.([A-Za-z0-9_-]{1,64})\\.([A-Za-z0-9_-]{43})\\.([A-Za-z0-9_-]{22,})");

  /** The value, or empty if it is not of this form (including padding, other alphabets and a wrong length). */
  public static Optional<SealedValue> parse(String text) {
    if (text == null || text.length() > MAX_CHARS) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    byte[] enc = decode(m.group(2));
    byte[] ct = decode(m.group(3));
    if (enc == null || ct == null || enc.length != Hpke.ENC_BYTES || ct.length < TAG_BYTES
        || !encode(enc).equals(m.group(2)) || !encode(ct).equals(m.group(3))) {
      // The round trip refuses non-canonical encodings (stray low bits), so one blob has one spelling.
      return Optional.empty();
    }
    return Optional.of(new SealedValue(m.group(1), enc, ct));
  }

  /** The wire form of a sealed value. */
  public static String format(String keyId, byte[] enc, byte[] ciphertext) {
    return "pvs1." + keyId + "." + encode(enc) + "." + encode(ciphertext);
  }

  private static byte[] decode(String s) {
    try {
      return Base64.getUrlDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "SealedValue[" + keyId + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedValue v && v.keyId.equals(keyId) && java.util.Arrays.equals(v.enc, enc)
        && java.util.Arrays.equals(v.ciphertext, ciphertext);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode() * 31 + java.util.Arrays.hashCode(enc);
  }
}
