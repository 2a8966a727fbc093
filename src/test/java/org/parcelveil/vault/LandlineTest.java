package org.parcelveil.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parcelveil.validation.ValidationException;

class LandlineTest {

  @ParameterizedTest
  @CsvSource({
      "0571-88886666, +8657188886666, 0571-88886666, 0571-******66",
      "057188886666, +8657188886666, 0571-88886666, 0571-******66",
      "+86 571 8888 6666, +8657188886666, 0571-88886666, 0571-******66",
      "0086-571-88886666, +8657188886666, 0571-88886666, 0571-******66",
      "(0571) 8888 6666, +8657188886666, 0571-88886666, 0571-******66",
      "010-62345678, +861062345678, 010-62345678, 010-******78",
      "+86 10 6234 5678, +861062345678, 010-62345678, 010-******78",
      "021 5555 1234, +862155551234, 021-55551234, 021-******34",
      "0898-6555123, +868986555123, 0898-6555123, 0898-******3"
  })
  void senderLandline_inEveryUsualForm_isOneNumberMaskedWithItsAreaCode(String typed, String e164, String display,
      String masked) {
    Phone p = Phone.parseMobileOrLandline("sender.phone", typed);
    assertThat(p.reveal()).isEqualTo(e164);
    assertThat(p.revealForDisplay()).isEqualTo(display);
    assertThat(p.masked()).isEqualTo(masked);
    assertThat(p.isLandline()).isTrue();
    assertThat(p.lastFour()).isEqualTo(e164.substring(e164.length() - 4));
  }

  @ParameterizedTest
  @CsvSource({"13812345678, +8613812345678", "+86 138 1234 5678, +8613812345678", "+442079460958, +442079460958"})
  void senderMobileOrForeign_isParsedAsBefore(String typed, String e164) {
    Phone p = Phone.parseMobileOrLandline("sender.phone", typed);
    assertThat(p.reveal()).isEqualTo(e164);
    assertThat(p.isLandline()).isFalse();
    assertThat(p).isEqualTo(Phone.parse("phone", typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0571-88886666", "057188886666", "+86 571 8888 6666", "010-62345678"})
  void landline_isRefusedWhereAMobileIsNeeded_withoutEchoingIt(String typed) {
    assertThatThrownBy(() -> Phone.parse("recipient.phone", typed))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("8888", "6234"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0571-0888666", "0571-888866", "0571-888866661", "05-88886666", "1571-88886666",
      "010-6234567", "+86 0571 8888 6666", "0571-1888666"})
  void malformedLandline_isRefused(String typed) {
    assertThatThrownBy(() -> Phone.parseMobileOrLandline("sender.phone", typed))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("sender.phone");
  }
}
