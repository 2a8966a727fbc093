package org.parcelveil.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ZplLabelTest {
  private static final Labels LABELS = Labels.withDefaults();

  @Test
  void zpl_isUtf8WithTheConfiguredPrinterFont() {
    String zpl = LABELS.zpl(TestLabels.DOMESTIC.label());
    assertThat(zpl).startsWith("^XA\n^CI28\n^CWJ,E:SIMSUN.FNT\n").endsWith("^XZ\n");
    assertThat(zpl).contains("^PW800", "^LL1200");
    assertThat(zpl).contains("^FD张**^FS", "^FD*******5678^FS", "^FD浙江省 杭州市 西湖区^FS", "^FD代收货款 ¥128.50^FS");
    assertThat(count(zpl, "^XA")).isEqualTo(1);
    assertThat(count(zpl, "^XZ")).isEqualTo(1);
  }

  @Test
  void zplFont_isConfigurable() {
    String zpl = new Labels(LabelSettings.defaults().withZplFont("E:ANMDS.TTF")).zpl(TestLabels.LATIN.label());
    assertThat(zpl).contains("^CWJ,E:ANMDS.TTF\n").doesNotContain("SIMSUN");
  }

  @Test
  void zpl_holdsTheWaybillAsCode128AndTheTokenAsQr() {
    LabelData label = TestLabels.DOMESTIC.label();
    String zpl = LABELS.zpl(label);

    Matcher code128 = Pattern.compile("\\^BCN,\\d+,N,N,N,A\\^FD([^^]*)\\^FS").matcher(zpl);
    assertThat(code128.find()).isTrue();
    assertThat(code128.group(1)).isEqualTo(label.waybill());
    assertThat(zpl).containsPattern("\\^BY[234],3,\\d+\\^BCN");

    Matcher qr = Pattern.compile("\\^BQN,2,(\\d+)\\^FDMA,([^^]*)\\^FS").matcher(zpl);
    assertThat(qr.find()).isTrue();
    assertThat(Integer.parseInt(qr.group(1))).isBetween(3, 10);
    assertThat(qr.group(2)).isEqualTo(label.qrContent());
    assertThat(TestLabels.TOKENS.resolve(qr.group(2))).contains(label.waybill());
  }

  @Test
  void zpl_holdsNoPlainValues() {
    for (TestLabels.Fixture f : new TestLabels.Fixture[] {TestLabels.DOMESTIC, TestLabels.LATIN}) {
      String zpl = LABELS.zpl(f.label());
      for (String plain : f.plainValues()) {
        assertThat(zpl).doesNotContain(plain);
      }
    }
  }

  @Test
  void commandCharactersInText_cannotInjectZpl() {
    LabelData d = TestLabels.DOMESTIC.label();
    LabelData hostile = new LabelData(d.carrierName(), "^XZ^XA~JA", d.waybill(), "HZ1_^FS~", d.recipient(),
        d.sender(), d.weightGrams(), d.date(), d.pieceNumber(), d.pieceCount(), d.cod(), d.qrToken(), d.checkUrl());
    String zpl = LABELS.zpl(hostile);
    assertThat(count(zpl, "^XZ")).isEqualTo(1);
    assertThat(zpl).doesNotContain("~").contains("^FH_^FD_5EXZ_5EXA_7EJA^FS", "^FH_^FDHZ1_5F_5EFS_7E^FS");
  }

  private static int count(String s, String part) {
    return s.split(Pattern.quote(part), -1).length - 1;
  }
}
