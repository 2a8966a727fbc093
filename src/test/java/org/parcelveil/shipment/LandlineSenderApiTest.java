package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * A sender's landline through the real service: accepted in every usual form for a shipment's sender and a saved
 * sender, masked with its area code; refused, without echo, as a recipient's phone.
 */
class LandlineSenderApiTest {

  private static Map<String, Object> withSenderPhone(String reference, String phone) {
    Map<String, Object> s = new HashMap<>(Fixtures.shipment(reference));
    s.put("sender", Fixtures.party("Qxsender Shop", phone, "滨江区"));
    return s;
  }

  @Test
  void senderLandline_isAcceptedAndMasked_recipientLandlineIsRefused() {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop A", null).token();

      for (String typed : new String[] {"0571-88886666", "057188886666", "+86 571 8888 6666"}) {
        TestService.Response created = svc.post("/v1/shipments", merchant, withSenderPhone("L-" + typed, typed));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/masked/sender/phone").asText()).isEqualTo("0571-******66");
        assertThat(created.body()).doesNotContain("88886666", "8888 6666");
      }

      Map<String, Object> toLandline = new HashMap<>(Fixtures.shipment("L-R"));
      toLandline.put("recipient", Fixtures.party(Fixtures.MARK_NAME, "0571-88886666", "西湖区"));
      TestService.Response refused = svc.post("/v1/shipments", merchant, toLandline);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("recipient.phone", "mobile").doesNotContain("8888", Fixtures.MARK_NAME);

      TestService.Response badLandline = svc.post("/v1/shipments", merchant, withSenderPhone("L-B", "0571-1888666"));
      assertThat(badLandline.status()).isEqualTo(400);
      assertThat(badLandline.body()).contains("sender.phone", "landline").doesNotContain("1888666");

      Map<String, Object> saved = new HashMap<>(Fixtures.party("Qxsender Shop", "0571 8888 6666", "滨江区"));
      saved.put("isDefault", true);
      TestService.Response book = svc.post("/v1/senders", merchant, saved);
      assertThat(book.status()).as(book.body()).isEqualTo(201);
      assertThat(book.json().at("/masked/phone").asText()).isEqualTo("0571-******66");

      // The saved landline is the default sender: a shipment without a sender takes it.
      Map<String, Object> noSender = new HashMap<>(Fixtures.shipment("L-D"));
      noSender.remove("sender");
      TestService.Response byDefault = svc.post("/v1/shipments", merchant, noSender);
      assertThat(byDefault.status()).as(byDefault.body()).isEqualTo(201);
      assertThat(byDefault.json().at("/masked/sender/phone").asText()).isEqualTo("0571-******66");
    }
  }
}
