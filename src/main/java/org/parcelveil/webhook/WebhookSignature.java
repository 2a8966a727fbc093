package org.parcelveil.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook calls both ways: the telephony platform's calls to the relay, and the leak alerts this service
 * sends. {@code X-PV-Signature} is the hex HMAC-SHA256, under the
 * shared secret, of {@code X-PV-Timestamp + "." + body}; the timestamp (Unix seconds) must be within five minutes,
 * so a captured request cannot be replayed later.
 */
public final class WebhookSignature {
  static final Duration TOLERANCE = Duration.ofMinutes(5);
  private final byte[] secret;

  public WebhookSignature(byte[] secret) {
    this.secret = secret.clone();
  }

  public String sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean verify(String timestamp, String signature, byte[] body, Instant now) {
    if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
      return false;
    }
    Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (Duration.between(at, now).abs().compareTo(TOLERANCE) > 0) {
      return false;
    }
    return MessageDigest.isEqual(sign(timestamp, body).getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase().getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "WebhookSignature[[REDACTED]]";
  }
}
