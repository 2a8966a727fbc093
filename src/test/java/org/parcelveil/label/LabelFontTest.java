package org.parcelveil.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelFontTest {
  private static final Labels LABELS = Labels.withDefaults();

  @ParameterizedTest
  @ValueSource(strings = {"张*😀", "\uD840\uDC00*"}) // an emoji; U+20000, a rare ideograph outside the font
  void textTheFontCannotDraw_failsInEveryFormat_withoutQuotingIt(String name) {
    LabelData label = TestLabels.withRecipientName(TestLabels.DOMESTIC.label(), name);
    String message = "label text has characters the label font cannot draw (field recipient.name)";
    assertThatThrownBy(() -> LABELS.zpl(label)).isInstanceOf(LabelFontException.class).hasMessage(message);
    assertThatThrownBy(() -> LABELS.pdf(label)).isInstanceOf(LabelFontException.class).hasMessage(message);
    assertThatThrownBy(() -> LABELS.png(label, Dpi.DPI_203))
        .isInstanceOfSatisfying(LabelFontException.class, e -> assertThat(e.field()).isEqualTo("recipient.name"));
  }

  @Test
  void bundledFont_drawsChineseLatinAndTheSymbolsLabelsUse() {
    LabelFont font = LabelFont.load(null);
    font.check("any", "顺达快递 欧阳** 浙江省 杭州市 西湖区 代收货款 ¥128.50 J. S. *******5678 ：。");
    assertThat(font.width("中")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.05));
    assertThat(font.ascent()).isBetween(0.7, 1.0);
  }

  @Test
  void fontFile_overridesTheBundledFont(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("label.ttc");
    try (InputStream in = LabelFont.class.getResourceAsStream(LabelFont.BUNDLED)) {
      Files.copy(in, file);
    }
    Labels labels = new Labels(LabelSettings.defaults().withFontFile(file));
    try (PDDocument doc = Loader.loadPDF(labels.pdf(TestLabels.DOMESTIC.label()))) {
      assertThat(new PDFTextStripper().getText(doc)).contains("张**", "浙江省 杭州市 西湖区");
    }
  }

  @Test
  void fontFileThatIsNotAFont_isAClearError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.ttf");
    Files.writeString(file, "not a font");
    assertThatThrownBy(() -> new Labels(LabelSettings.defaults().withFontFile(file)))
        .isInstanceOfSatisfying(LabelFontException.class, e -> assertThat(e.field()).isEqualTo("font"))
        .hasMessageContaining("TrueType");
    assertThatThrownBy(() -> new Labels(LabelSettings.defaults().withFontFile(dir.resolve("missing.ttf"))))
        .isInstanceOf(LabelFontException.class).hasMessageContaining("cannot read label font file");
  }

  @Test
  void zplFontSetting_mustNameAPrinterFontFile() {
    assertThatThrownBy(() -> LabelSettings.defaults().withZplFont("SIMSUN^XZ"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
