package org.parcelveil.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parcelveil.validation.Check;
import org.parcelveil.validation.ValidationException;

class PersonalDataTypesTest {
  static final String NAME = "Zzmarkname Qqsurname";
  static final String PHONE = "13912345678";

  static PersonInput input() {
    return new PersonInput(NAME, PHONE,
        new PersonInput.AddressInput("浙江省", "杭州市", "西湖区", "Markstreet 77", "Markroom 1204"));
  }

  @Test
  void everyPersonalType_redactsItselfWhenPrinted() {
    Person p = input().validate(new Check(), "recipient");
    String printed = p + " " + p.name() + " " + p.phone() + " " + p.address() + " " + input()
        + " " + input().address();
    assertThat(printed).doesNotContain("Zzmarkname", "Qqsurname", "12345678", "Markstreet", "Markroom");
    assertThat(printed).contains("[REDACTED]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345", "1381234567", "23812345678", "+86 12812345678", "notanumber", "+0123456789",
      "+1234567890123456"})
  void phone_rejectsNumbersThatAreNotMobileOrE164(String bad) {
    assertThatThrownBy(() -> Phone.parse("recipient.phone", bad))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors().get(0).field()).isEqualTo("recipient.phone"))
        .satisfies(e -> assertThat(e.toString()).doesNotContain(bad));
  }

  @Test
  void validate_namesEveryMissingOrOverlongField() {
    Check check = new Check();
    new PersonInput("", null, new PersonInput.AddressInput(null, "杭州市", "x".repeat(40), "s".repeat(101), null))
        .validate(check, "sender");
    assertThat(check.errors()).extracting(e -> e.field()).containsExactlyInAnyOrder(
        "sender.name", "sender.phone", "sender.address.province", "sender.address.district",
        "sender.address.street", "sender.address.detail");
  }

  @Test
  void validate_rejectsControlCharacters() {
    Check check = new Check();
    new PersonInput("A\u0000B", PHONE, new PersonInput.AddressInput("p", "c", "d", null, "x\u202Ey")).validate(check, "r");
    assertThat(check.errors()).extracting(e -> e.field()).contains("r.name");
  }

  @Test
  void sensitive_comparesByValue() {
    assertThat(Sensitive.of("a")).isEqualTo(Sensitive.of("a")).isNotEqualTo(Sensitive.of("b"));
  }
}
