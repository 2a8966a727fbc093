package org.parcelveil.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.label.MaskedParty;

/** A masked name has one width whatever the name's length, so the mask does not tell how long the given name is. */
class MaskWidthTest {

  @ParameterizedTest
  @CsvSource({"张, 张三, 张三丰", "欧阳娜, 欧阳娜娜, 欧阳娜娜娜", "王, 王五, 王五六七八"})
  void hanNames_ofEveryLength_maskAlike(String a, String b, String c) {
    assertThat(Masking.name(a)).isEqualTo(Masking.name(b)).isEqualTo(Masking.name(c)).endsWith("**");
  }

  @ParameterizedTest
  @CsvSource({"3M Company, M. C.", "42, *", "@shop Li, S. L.", "-, *"})
  void latinNames_keepLetterInitialsOnly_soEveryMaskPrints(String name, String masked) {
    assertThat(Masking.name(name)).isEqualTo(masked);
    new MaskedParty(Masking.name(name), "*******5678", "浙江省 杭州市 西湖区");
  }

  @Test
  void api_showsTheSameMaskForShortAndLongGivenNames() {
    try (TestService svc = TestService.start("postgres")) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String shortName = masked(svc, merchant, "张三");
      String longName = masked(svc, merchant, "张三丰");
      assertThat(shortName).isEqualTo(longName).isEqualTo("张**");
    }
  }

  @SuppressWarnings("unchecked")
  private static String masked(TestService svc, String merchant, String name) {
    Map<String, Object> body = Fixtures.shipment("M-" + name.length());
    Map<String, Object> recipient = new LinkedHashMap<>((Map<String, Object>) body.get("recipient"));
    recipient.put("name", name);
    body.put("recipient", recipient);
    TestService.Response r = svc.post("/v1/shipments", merchant, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/masked/recipient/name").asText();
  }
}
