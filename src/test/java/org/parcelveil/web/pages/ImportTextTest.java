package org.parcelveil.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Strict decoding of uploaded files: detection, a chosen encoding, and where a file that does not decode broke. */
class ImportTextTest {
  static final Charset GBK = Charset.forName("GBK");

  @Test
  void gbkBytes_areDetectedAsGb18030_notReadAsUtf8() {
    byte[] file = "reference,省\nA-1,浙江省\n".getBytes(GBK);
    ImportText.Decoded d = ImportText.decode(file, ImportText.Choice.AUTO);
    assertThat(d.ok()).isTrue();
    assertThat(d.charset()).isEqualTo(ImportText.GB18030);
    assertThat(d.text()).contains("浙江省").doesNotContain("\uFFFD");
  }

  @Test
  void utf8_withOrWithoutBom_isUtf8_andTheBomIsDropped() {
    byte[] plain = "省\n浙江省\n".getBytes(StandardCharsets.UTF_8);
    byte[] bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, plain);
    assertThat(ImportText.decode(plain, ImportText.Choice.AUTO).text()).isEqualTo("省\n浙江省\n");
    assertThat(ImportText.decode(bom, ImportText.Choice.AUTO).text()).isEqualTo("省\n浙江省\n");
    // A byte order mark wins over a wrong choice: Excel's "CSV UTF-8" always writes one.
    assertThat(ImportText.decode(bom, ImportText.Choice.GB18030).text()).isEqualTo("省\n浙江省\n");
  }

  @Test
  void gbkFile_readAsChosenUtf8_isRefusedAtItsFirstChineseByte() {
    byte[] file = "ref,name\nA-1,ab浙江\n".getBytes(GBK);
    ImportText.Decoded d = ImportText.decode(file, ImportText.Choice.UTF8);
    assertThat(d.ok()).isFalse();
    assertThat(d.error()).isEqualTo(new ImportText.Undecodable(2, 7, 7, "UTF-8"));
  }

  @Test
  void bytesNeitherEncodingReads_areRefused_withLineColumnAndByte() {
    // Line 3: "A-2,浙" then 0xFF, which starts no character in UTF-8 or in GB18030.
    byte[] file = concat("ref,name\nA-1,x\nA-2,浙".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, '\n'});
    ImportText.Decoded d = ImportText.decode(file, ImportText.Choice.AUTO);
    assertThat(d.ok()).isFalse();
    assertThat(d.error().line()).isEqualTo(3);
    assertThat(d.error().column()).isEqualTo(6); // after "A-2," and one Chinese character
    assertThat(d.error().byteInLine()).isEqualTo(8); // 4 ASCII bytes, 3 of 浙, then the bad one
  }

  @Test
  void utf8WithOneBrokenByte_isRefused_notReReadAsGb18030() {
    // Chinese UTF-8 headers, then one GBK character (0xB0 0xA1, 啊): valid GB18030 pairs, but this file is UTF-8.
    byte[] head = "收件人,收件人电话,详细地址\n".getBytes(StandardCharsets.UTF_8);
    byte[] file = concat(head, new byte[] {(byte) 0xB0, (byte) 0xA1, ',', '1', '\n'});
    ImportText.Decoded d = ImportText.decode(file, ImportText.Choice.AUTO);
    assertThat(d.ok()).isFalse();
    assertThat(d.error().encoding()).isEqualTo("UTF-8");
    assertThat(d.error().line()).isEqualTo(2);
    assertThat(d.error().column()).isEqualTo(1);
  }

  @Test
  void choice_readsTheFormValues() {
    assertThat(ImportText.Choice.of("gbk")).isEqualTo(ImportText.Choice.GB18030);
    assertThat(ImportText.Choice.of("UTF-8")).isEqualTo(ImportText.Choice.UTF8);
    assertThat(ImportText.Choice.of(null)).isEqualTo(ImportText.Choice.AUTO);
    assertThat(ImportText.Choice.of("latin1")).isEqualTo(ImportText.Choice.AUTO);
  }

  @Test
  void chineseAndEnglishHeaders_nameTheSameFields() {
    assertThat(ImportColumns.field("收件人")).contains("recipient_name");
    assertThat(ImportColumns.field(" 收件人电话 ")).contains("recipient_phone");
    assertThat(ImportColumns.field("重量（克）")).contains("weight_grams"); // full-width brackets
    assertThat(ImportColumns.field("\uFEFFreference")).contains("reference");
    assertThat(ImportColumns.field("Recipient_Name")).contains("recipient_name");
    assertThat(ImportColumns.field("张三")).isEmpty();
  }

  @Test
  void template_startsWithAUtf8ByteOrderMark() {
    byte[] t = ShipmentImport.template();
    assertThat(new byte[] {t[0], t[1], t[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(new String(t, 3, t.length - 3, StandardCharsets.UTF_8)).startsWith("reference,sender_name,");
  }

  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
