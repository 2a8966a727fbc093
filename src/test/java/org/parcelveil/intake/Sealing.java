package org.parcelveil.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.parcelveil.app.TestService;
import org.parcelveil.http.Json;

/** Seals the marked buyer as a marketplace would, to the key a running service publishes. */
final class Sealing {
  private Sealing() {}

  static String seal(TestService svc, String platform, String orderId, String merchant) {
    JsonNode key = svc.get("/v1/intake/key", null).json().get("keys").get(0);
    try {
      byte[][] out = Hpke.seal(Base64.getUrlDecoder().decode(key.get("publicKey").asText()),
          IntakeOpener.associatedData(platform, orderId, merchant),
          Json.mapper().writeValueAsString(SealedShipmentTest.buyer()).getBytes(StandardCharsets.UTF_8));
      return SealedValue.format(key.get("keyId").asText(), out[0], out[1]);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A shipment of {@code merchant} whose recipient is the marked buyer, sealed for {@code orderId}. */
  static Map<String, Object> shipment(TestService svc, String platform, String orderId, String merchant) {
    return SealedShipmentTest.shipment("S-" + orderId, SealedShipmentTest.sealedRecipient(
        seal(svc, platform, orderId, merchant), platform, orderId));
  }
}
