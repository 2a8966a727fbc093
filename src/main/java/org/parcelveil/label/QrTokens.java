package org.parcelveil.label;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the tokens printed in a label's QR code: a waybill number under a truncated HMAC-SHA256 tag.
 *
 * <p>Layout (then base64url without padding): {@code version (1 byte, 0x01) | key id (1 byte) | waybill (ASCII,
 * 6 to 24 bytes) | tag (16 bytes)}, where the tag is the first 128 bits of HMAC-SHA256 over a context string and
 * every byte before it. An 18-character waybill gives a 48-character token. The key id lets labels printed before
 * a key rotation still scan, as long as the old key is kept. Nothing personal is inside: the waybill is the only
 * payload, and the tag only proves that we printed it.
 */
public final class QrTokens {
  static final int VERSION = 1;
  static final int TAG_BYTES = 16;
  private static final int MIN_KEY_BYTES = 16;
  private static final int MAX_INPUT_CHARS = 512;
  private static final byte[] CONTEXT = "parcelveil/label-qr/v1".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern LINK = Pattern.compile("https?://[^/?#\\s]+(?:/[^?#\\s]*)?/c/([A-Za-z0-9_-]{1,64})/?");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final Map<Integer, SecretKeySpec> keys;
  private final int currentKeyId;

  /**
   * @param keysById every key whose tokens should still resolve, by id (0 to 255), each at least 16 bytes
   * @param currentKeyId the key new tokens are made with
   */
  public QrTokens(Map<Integer, byte[]> keysById, int currentKeyId) {
    Map<Integer, SecretKeySpec> copy = new HashMap<>();
    keysById.forEach((id, key) -> {
      if (id == null || id < 0 || id > 255) {
        throw new IllegalArgumentException("QR token key id must be 0 to 255, got " + id);
      }
      if (key == null || key.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException("QR token key " + id + " must have at least " + MIN_KEY_BYTES + " bytes");
      }
      copy.put(id, new SecretKeySpec(key.clone(), "HmacSHA256"));
    });
    if (!copy.containsKey(currentKeyId)) {
      throw new IllegalArgumentException("current QR token key id " + currentKeyId + " has no key");
    }
    this.keys = Map.copyOf(copy);
    this.currentKeyId = currentKeyId;
  }

  /** A token for {@code waybill} (6 to 24 capital letters or digits) under the current key. */
  public String issue(String waybill) {
    if (waybill == null || !LabelData.WAYBILL.matcher(waybill).matches()) {
      throw new IllegalArgumentException("waybill must be 6 to 24 capital letters or digits");
    }
    byte[] id = waybill.getBytes(StandardCharsets.US_ASCII);
    byte[] token = new byte[2 + id.length + TAG_BYTES];
    token[0] = VERSION;
    token[1] = (byte) currentKeyId;
    System.arraycopy(id, 0, token, 2, id.length);
    byte[] tag = tag(keys.get(currentKeyId), token, token.length - TAG_BYTES);
    System.arraycopy(tag, 0, token, token.length - TAG_BYTES, TAG_BYTES);
    return ENCODER.encodeToString(token);
  }

  /** The waybill inside {@code tokenOrLink} (a bare token or a {@link #link}), or empty for anything not ours. */
  public Optional<String> resolve(String tokenOrLink) {
    return check(tokenOrLink) instanceof TokenCheck.Valid valid ? Optional.of(valid.waybill()) : Optional.empty();
  }

  /** Like {@link #resolve} but says why a token was refused. */
  public TokenCheck check(String tokenOrLink) {
    String token = bare(tokenOrLink);
    byte[] bytes = token == null ? null : decode(token);
    int payload = bytes == null ? -1 : bytes.length - 2 - TAG_BYTES;
    if (payload < 6 || payload > 24) {
      return new TokenCheck.Invalid(TokenCheck.Reason.MALFORMED);
    }
    if (bytes[0] != VERSION) {
      return new TokenCheck.Invalid(TokenCheck.Reason.UNSUPPORTED_VERSION);
    }
    int keyId = bytes[1] & 0xff;
    SecretKeySpec key = keys.get(keyId);
    if (key == null) {
      return new TokenCheck.Invalid(TokenCheck.Reason.UNKNOWN_KEY);
    }
    byte[] expected = tag(key, bytes, bytes.length - TAG_BYTES);
    byte[] actual = Arrays.copyOfRange(bytes, bytes.length - TAG_BYTES, bytes.length);
    if (!MessageDigest.isEqual(expected, actual)) {
      return new TokenCheck.Invalid(TokenCheck.Reason.BAD_TAG);
    }
    String waybill = new String(bytes, 2, payload, StandardCharsets.US_ASCII);
    // Checked after the tag, so a forger learns nothing from which check failed first.
    return LabelData.WAYBILL.matcher(waybill).matches()
        ? new TokenCheck.Valid(waybill, keyId)
        : new TokenCheck.Invalid(TokenCheck.Reason.MALFORMED);
  }

  /** The QR content for a token: {@code <checkUrl>/c/<token>}, a page a phone camera opens. */
  public static String link(String checkUrl, String token) {
    return (checkUrl.endsWith("/") ? checkUrl.substring(0, checkUrl.length() - 1) : checkUrl) + "/c/" + token;
  }

  private static String bare(String input) {
    if (input == null || input.length() > MAX_INPUT_CHARS) {
      return null;
    }
    String s = input.strip();
    if (BARE.matcher(s).matches()) {
      return s;
    }
    Matcher m = LINK.matcher(s);
    return m.matches() ? m.group(1) : null;
  }

  private static byte[] decode(String token) {
    try {
      byte[] bytes = DECODER.decode(token);
      // Base64 lets unused low bits of the last character vary; re-encoding makes each token have one spelling.
      return ENCODER.encodeToString(bytes).equals(token) ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] tag(SecretKeySpec key, byte[] data, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(CONTEXT);
      mac.update(data, 0, length);
      return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  @Override
  public String toString() {
    return "QrTokens[keyIds=" + keys.keySet() + ", current=" + currentKeyId + "]";
  }
}
