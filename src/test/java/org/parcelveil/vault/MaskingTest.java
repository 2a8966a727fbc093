package org.parcelveil.vault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

  @ParameterizedTest
  @CsvSource({
      "张三, 张**",
      "张三丰, 张**",
      "诸葛孔明先生, 诸葛**",
      "Anna Maria Luisa de Medici, A. M. L.",
      "欧阳娜娜, 欧阳**",
      "欧阳锋, 欧阳**",
      "司马, 司**",
      "王, 王**",
      "John Smith, J. S.",
      "maria garcia-lopez, M. G. L.",
      "'  Anna  Müller ', A. M.",
      "Émile Zola, É. Z."
  })
  void name_keepsOnlyTheFamilyNameOrInitials(String name, String masked) {
    assertThat(Masking.name(name)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({
      "13812345678, *******5678",
      "+86 138-1234-5678, *******5678",
      "0086 13812345678, *******5678",
      "+442079460958, ********0958"
  })
  void phone_showsOnlyTheLastFourDigits(String phone, String masked) {
    assertThat(Phone.parse("phone", phone).masked()).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({"13812345678, +8613812345678", "+86 138 1234 5678, +8613812345678", "+1 (415) 555-0100, +14155550100"})
  void phone_normalisesToE164(String input, String e164) {
    assertThat(Phone.parse("phone", input).reveal()).isEqualTo(e164);
  }
}
