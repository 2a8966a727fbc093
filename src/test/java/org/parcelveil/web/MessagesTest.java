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

  @Test
  void fieldMessagesConfirmationsAndDrafts_areSaidInBothLanguages() {
    var keys = messages.keys(Messages.EN).stream()
        .filter(k -> k.startsWith("fielderr.") || k.startsWith("confirm.") || k.startsWith("draft.")
            || k.equals("error.form_too_large") || k.equals("admin.revoke_confirm")).toList();
    assertThat(keys).hasSizeGreaterThan(20);
    for (String k : keys) {
      assertThat(messages.has(Messages.ZH, k)).as(k).isTrue();
      assertThat(messages.get("zh", k, "1", "2")).as(k).isNotEqualTo(messages.get("en", k, "1", "2"))
          .doesNotContainPattern("[A-Za-z]{6,}");
    }
    assertThat(messages.get("zh", "fielderr.between", 1, 300)).isEqualTo("请输入 1 到 300 之间的数。");
  }
}
