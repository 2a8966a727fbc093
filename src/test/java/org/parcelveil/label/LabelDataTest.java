package org.parcelveil.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.Masked;

class LabelDataTest {

  @ParameterizedTest
  @ValueSource(strings = {"张**", "欧阳**", "张*明", "J. S.", "M. G. L.", "A."})
  void maskedName_isAccepted(String name) {
    assertThat(new MaskedParty(name, "*******5678", "浙江省 杭州市 西湖区").name()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"张伟明", "John Smith", "J. Smith", "张伟明*", "***张伟明", "Smith*"})
  void plainName_isRefused(String name) {
    assertThatThrownBy(() -> new MaskedParty(name, "*******5678", "浙江省 杭州市 西湖区"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("name")
        .hasMessageNotContaining(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0571-******66", "010-******78", "0898-******3"})
  void maskedLandline_keepsItsAreaCode(String phone) {
    assertThat(new MaskedParty("张**", phone, "浙江省 杭州市 西湖区").phone()).isEqualTo(phone);
  }

  @ParameterizedTest
  @ValueSource(strings = {"13812345678", "138****5678", "+86 138 1234 5678", "*******567A", "***5678",
      "0571-88886666", "0571-****6666", "0571-***86666", "057188886666", "0571-******666"})
  void plainOrHalfMaskedPhone_isRefused(String phone) {
    assertThatThrownBy(() -> new MaskedParty("张**", phone, "浙江省 杭州市 西湖区"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("phone");
  }

  @ParameterizedTest
  @ValueSource(strings = {"浙江省 杭州市 西湖区 文三路90号", "221B Baker Street", "Room 502", "东部软件园３号楼"})
  void areaWithAStreetOrRoomNumber_isRefused(String area) {
    assertThatThrownBy(() -> new MaskedParty("张**", "*******5678", area))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("area");
  }

  @Test
  void maskedParty_takesTheVaultsMaskedView() {
    MaskedParty p = MaskedParty.of(new Masked("张**", "*******5678", "浙江省 杭州市 西湖区"));
    assertThat(p).isEqualTo(new MaskedParty("张**", "*******5678", "浙江省 杭州市 西湖区"));
  }

  @Test
  void maskedParty_printsOnlyTheArea() {
    assertThat(new MaskedParty("张**", "*******5678", "浙江省 杭州市 西湖区").toString())
        .doesNotContain("张").doesNotContain("5678");
  }

  @ParameterizedTest
  @CsvSource({
      "12850, CNY, COD CNY 128.50, 代收货款 ¥128.50",
      "5, CNY, COD CNY 0.05, 代收货款 ¥0.05",
      "1200, USD, COD USD 12.00, 代收货款 USD 12.00",
      "1200, JPY, COD JPY 1200, 代收货款 JPY 1200"})
  void cod_printsMinorUnitsInTheCurrencysDecimals(long minor, String currency, String english, String chinese) {
    Cod cod = Cod.of(minor, currency);
    assertThat(cod.english()).isEqualTo(english);
    assertThat(cod.chinese()).isEqualTo(chinese);
  }

  @Test
  void cod_refusesZeroAndNegative() {
    assertThatThrownBy(() -> Cod.of(0, "CNY")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Cod.of(-100, "CNY")).isInstanceOf(ValidationException.class);
  }

  @ParameterizedTest
  @CsvSource({
      "pv20261129000417k, 1, 1, 1250, https://check.parcelveil.cn, waybill",
      "PV20261129000417K, 3, 2, 1250, https://check.parcelveil.cn, pieceNumber",
      "PV20261129000417K, 1, 1, 0, https://check.parcelveil.cn, weightGrams",
      "PV20261129000417K, 1, 1, 1250, javascript:alert(1), checkUrl"})
  void labelData_refusesBadFields(String waybill, int piece, int pieces, int grams, String url, String field) {
    LabelData ok = TestLabels.DOMESTIC.label();
    assertThatThrownBy(() -> new LabelData(ok.carrierName(), ok.service(), waybill, ok.sortCode(), ok.recipient(),
        ok.sender(), grams, ok.date(), piece, pieces, null, ok.qrToken(), url))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).anySatisfy(err -> assertThat(err.field()).isEqualTo(field)));
  }

  @Test
  void labelData_refusesControlCharacters() {
    LabelData ok = TestLabels.DOMESTIC.label();
    assertThatThrownBy(() -> new LabelData(ok.carrierName(), ok.service(), ok.waybill(), "HZ1\nXH01",
        ok.recipient(), ok.sender(), 1, LocalDate.of(2026, 1, 1), 1, 1, null, ok.qrToken(), ok.checkUrl()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("sortCode");
  }

  @Test
  void qrContent_isALinkToTheCheckPage() {
    LabelData d = TestLabels.DOMESTIC.label();
    assertThat(d.qrContent()).isEqualTo("https://check.parcelveil.cn/c/" + d.qrToken());
  }

  @Test
  void weight_isRoundedUpToTenGrams() {
    assertThat(Layout.weight(1250)).isEqualTo("1.25 kg");
    assertThat(Layout.weight(1251)).isEqualTo("1.26 kg");
    assertThat(Layout.weight(480)).isEqualTo("0.48 kg");
  }
}
