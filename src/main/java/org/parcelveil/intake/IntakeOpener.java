package org.parcelveil.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Json;
import org.parcelveil.vault.PersonInput;
import org.parcelveil.verify.VerificationRequest;

/**
 * Opens sealed recipients. The associated data binds a blob to one platform, one of its orders and one merchant,
 * so a blob copied to another shop or another order does not open. Every refusal is a 400 that names the problem
 * and never quotes what was sealed.
 */
public final class IntakeOpener {
  private final IntakeKeys keys;
  private final Clock clock;

  public IntakeOpener(IntakeKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** The associated data of a sealed recipient: {@code <platform>|<orderId>|<merchant>} in UTF-8. */
  public static byte[] associatedData(String platformId, String orderId, String merchantId) {
    return (platformId + "|" + orderId + "|" + merchantId).getBytes(StandardCharsets.UTF_8);
  }

  /** The party sealed in {@code sealed} for this platform's order and this merchant. */
  public PersonInput open(String sealed, String platformId, String orderId, String merchantId) {
    if (sealed != null && sealed.length() > SealedValue.MAX_CHARS) {
      throw refused("sealed-too-large", "Sealed recipient too large",
          "The sealed recipient exceeds " + SealedValue.MAX_CHARS + " characters.");
    }
    SealedValue value = SealedValue.parse(sealed).orElseThrow(() -> refused("sealed-malformed",
        "Malformed sealed recipient", "The sealed recipient is not of the form pvs1.<keyId>.<enc>.<ciphertext>."));
    if (orderId == null || !VerificationRequest.ORDER_ID.matcher(orderId).matches()) {
      throw refused("sealed-order-id", "Invalid order id",
          "The order id must be 1 to 64 letters, digits or _ . : / # - characters.");
    }
    IntakeKey key = keyFor(value.keyId());
    byte[] plaintext = Hpke.open(key.pair(), value.enc(), associatedData(platformId, orderId, merchantId),
        value.ciphertext()).orElseThrow(() -> refused("sealed-does-not-open", "Sealed recipient does not open",
            "The sealed recipient does not open for this platform, order and merchant: it was altered, or sealed "
                + "for another order or merchant."));
    try {
      return Json.mapper().readValue(plaintext, PersonInput.class);
    } catch (java.io.IOException e) {
      throw refused("sealed-not-a-party", "Sealed recipient is not a party",
          "The sealed recipient opened, but is not a party's JSON (name, phone, address).");
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private IntakeKey keyFor(String keyId) {
    Instant now = clock.instant();
    List<IntakeKey> all = keys.all();
    Optional<IntakeKey> key = all.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    if (key.isEmpty()) {
      throw refused("sealed-unknown-key", "Unknown intake key",
          "The sealed recipient names an intake key this service does not know; seal to GET /v1/intake/key.");
    }
    if (!key.get().acceptsAt(now)) {
      throw refused("sealed-key-retired", "Retired intake key", "The sealed recipient was sealed to an intake key "
          + "retired at " + key.get().notAfter() + "; the platform must seal it again to the current key.");
    }
    return key.get();
  }

  private static ApiException refused(String type, String title, String detail) {
    return new ApiException(400, type, title, detail);
  }
}
