package org.parcelveil.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.crypto.hpke.HPKE;
import org.parcelveil.http.Json;

/**
 * Seals a recipient as a marketplace would, from the wire format alone (docs/sealed-orders.md): BouncyCastle's HPKE
 * directly, not the service's own code, to the key a running service publishes.
 */
public final class MarketplaceSealer {
  private MarketplaceSealer() {}

  /** The {@code pvs1.} value of {@code party} for this platform, order and merchant. */
  public static String seal(TestService svc, String platform, String orderId, String merchant,
      Map<String, Object> party) {
    JsonNode key = svc.get("/v1/intake/key", null).json().get("keys").get(0);
    try {
      HPKE hpke = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
      var pk = hpke.deserializePublicKey(Base64.getUrlDecoder().decode(key.get("publicKey").asText()));
      byte[] info = "parcelveil intake v1".getBytes(StandardCharsets.US_ASCII);
      byte[] aad = (platform + "|" + orderId + "|" + merchant).getBytes(StandardCharsets.UTF_8);
      byte[][] out = hpke.seal(pk, info, aad, Json.mapper().writeValueAsBytes(party), null, null, null);
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      return "pvs1." + key.get("keyId").asText() + "." + b64.encodeToString(out[1]) + "."
          + b64.encodeToString(out[0]);
    } catch (Exception e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }

  /** A shipment's recipient given sealed. */
  public static Map<String, Object> recipient(String sealed, String platform, String orderId) {
    return Map.of("sealed", sealed, "platform", platform, "orderId", orderId);
  }
}
