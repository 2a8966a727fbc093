package org.parcelveil.shipment;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parcelveil.http.Json;
import org.parcelveil.keys.Secret;

/**
 * A keyed fingerprint of a request body, stored with its idempotency key. Keyed because the body holds personal
 * data: a plain hash could be confirmed by anyone guessing the body.
 */
public final class RequestFingerprint {
  private final byte[] key;

  public RequestFingerprint(Secret secret) {
    this.key = secret.bytes();
  }

  public String of(ShipmentRequest request) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      // The parsed record re-serialised: field order and whitespace of the client's JSON do not matter.
      return HexFormat.of().formatHex(mac.doFinal(Json.mapper().writeValueAsBytes(request)));
    } catch (GeneralSecurityException | JsonProcessingException e) {
      throw new IllegalStateException("could not fingerprint the request", e);
    }
  }

  @Override
  public String toString() {
    return "RequestFingerprint[[REDACTED]]";
  }
}
