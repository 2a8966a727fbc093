package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesTest {
  private final Messages messages = Messages.load();

  @Test
  void chineseAndEnglish_holdTheSameKeys() {
    assertThat(messages.keys(Messages.ZH)).containsExactlyInAnyOrderElementsOf(messages.keys(Messages.EN));
  }

  @Test
  void placeholders_areFilled_andUnknownLanguagesFallBackToEnglish() {
    assertThat(messages.get("zh", "merchant.created", "PV1")).isEqualTo("运单 PV1 已创建。");
    assertThat(messages.get("fr", "signout")).isEqualTo("Sign out");
    assertThat(messages.get("en", "no.such.key")).isEqualTo("no.such.key");
  }
}
