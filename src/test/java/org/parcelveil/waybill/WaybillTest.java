package org.parcelveil.waybill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WaybillTest {
  private final String number = TestKeys.codec().encode(1);

  @Test
  void waybill_isItsNumber() {
    Waybill w = new Waybill(number);

    assertThat(w.value()).isEqualTo(number);
    assertThat(w).hasToString(number);
    assertThat(w.prefix()).isEqualTo("PV");
    assertThat(w).isEqualTo(new Waybill(number));
  }

  @Test
  void parse_normalisesCaseAndSpace() {
    assertThat(Waybill.parse(" " + number.toLowerCase() + " ")).isEqualTo(new Waybill(number));
  }

  @Test
  void constructor_nonCanonical_fails() {
    assertThatThrownBy(() -> new Waybill(number.toLowerCase())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Waybill(" " + number)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Waybill(null)).isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "PV", "00000000000000000", "ABCDE00000000000000X", "PV0000000000000A5", "PV0000000000000", "PV*0000000000000A",
  })
  void parse_wrongShape_failsNamingTheValue(String text) {
    assertThatThrownBy(() -> Waybill.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a waybill number");
  }

  @Test
  void parse_wrongCheckCharacter_fails() {
    char wrong = number.charAt(16) == '0' ? '1' : '0';

    assertThatThrownBy(() -> Waybill.parse(number.substring(0, 16) + wrong))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anyPrefixOfOneToFourLetters_isAccepted() {
    for (String prefix : new String[] {"A", "ZZ", "ABC", "WXYZ"}) {
      String body = prefix + "12345678901234";
      Waybill w = new Waybill(body + CheckCharacter.compute(body));
      assertThat(w.prefix()).isEqualTo(prefix);
    }
  }
}
