package org.parcelveil.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Result;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.parcelveil.shipment.Payment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PdfLabelTest {
  private static final Labels LABELS = Labels.withDefaults();

  enum Case {
    DOMESTIC(TestLabels.DOMESTIC, List.of("张**", "*******5678", "浙江省 杭州市 西湖区", "欧阳**", "*******1234",
        "广东省 深圳市 南山区", "代收货款 ¥128.50", "COD CNY 128.50", "HZ1-XH01-07", "顺达快递", "1.25 kg",
        "月结 Monthly account", "客服 Hotline 95338")),
    LATIN(TestLabels.LATIN, List.of("J. S.", "********0123", "Beijing, Chaoyang District", "M. G. L.",
        "上海市 上海市 浦东新区", "无代收货款 只付运费", "No COD: pay the carriage only", "BJ2-CY03-15",
        "Swift Parcel 迅捷", "2/2", "到付 Recipient pays", "客服 Hotline 400-811-1111"));

    final TestLabels.Fixture fixture;
    final List<String> printed;

    Case(TestLabels.Fixture fixture, List<String> printed) {
      this.fixture = fixture;
      this.printed = printed;
    }
  }

  @ParameterizedTest
  @EnumSource(Case.class)
  void pdfText_holdsTheMaskedValuesAndNoPlainOnes(Case c) throws Exception {
    try (PDDocument doc = Loader.loadPDF(LABELS.pdf(c.fixture.label()))) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains(c.printed);
      assertThat(text).contains("个人信息已由 ParcelVeil 保护", "Personal data protected by ParcelVeil",
          TestLabels.CHECK_URL);
      for (String plain : c.fixture.plainValues()) {
        assertThat(text).doesNotContain(plain);
      }
    }
  }

  @Test
  void senderPaid_withoutCod_saysNothingToPay_andNoHotlineWhenNoneIsSet() throws Exception {
    LabelData d = TestLabels.paid(Payment.SENDER, null, TestLabels.LATIN.label());
    try (PDDocument doc = Loader.loadPDF(LABELS.pdf(d))) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains("寄付 Sender pays", "无代收货款 请勿付款", "No COD: nothing to pay")
          .doesNotContain("到付").doesNotContain("Hotline");
    }
  }

  @Test
  void pdf_isOnePageOfVectorsWithAnEmbeddedFontSubset() throws Exception {
    try (PDDocument doc = Loader.loadPDF(LABELS.pdf(TestLabels.DOMESTIC.label()))) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      PDPage page = doc.getPage(0);
      assertThat(page.getMediaBox().getWidth()).isCloseTo(283.46f, org.assertj.core.data.Offset.offset(0.01f));
      assertThat(page.getMediaBox().getHeight()).isCloseTo(425.20f, org.assertj.core.data.Offset.offset(0.01f));
      assertThat(page.getResources().getXObjectNames()).as("no raster images").isEmpty();
      List<PDFont> fonts = new ArrayList<>();
      for (COSName name : page.getResources().getFontNames()) {
        fonts.add(page.getResources().getFont(name));
      }
      assertThat(fonts).singleElement().satisfies(f -> {
        assertThat(f.isEmbedded()).isTrue();
        assertThat(f.getName()).matches("[A-Z]{6}\\+.*"); // subset tag
      });
    }
  }

  @Test
  void pdfPage_renderedAtPrinterResolution_decodesToTheWaybillAndToken() throws Exception {
    LabelData label = TestLabels.DOMESTIC.label();
    try (PDDocument doc = Loader.loadPDF(LABELS.pdf(label))) {
      BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 203, ImageType.GRAY);
      List<Result> found = PngLabelTest.decodeAll(image);
      assertThat(found).extracting(Result::getBarcodeFormat)
          .containsExactlyInAnyOrder(BarcodeFormat.CODE_128, BarcodeFormat.QR_CODE);
      assertThat(found).extracting(Result::getText).contains(label.waybill(), label.qrContent());
    }
  }

  @Test
  void batch_writesAThousandLabelsOnePerPage() throws Exception {
    List<LabelData> batch = IntStream.range(0, Labels.MAX_BATCH)
        .mapToObj(i -> i % 2 == 0 ? TestLabels.DOMESTIC.label() : TestLabels.LATIN.label()).toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(LABELS.pdf(batch, out)).isEqualTo(Labels.MAX_BATCH);
    try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
      assertThat(doc.getNumberOfPages()).isEqualTo(Labels.MAX_BATCH);
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(Labels.MAX_BATCH);
      stripper.setEndPage(Labels.MAX_BATCH);
      assertThat(stripper.getText(doc)).contains("J. S.", "BJ2-CY03-15");
    }
    // One embedded font for the whole batch keeps the file at a few kilobytes a page.
    assertThat(out.size()).isLessThan(Labels.MAX_BATCH * 16 * 1024);
  }

  @Test
  void batch_refusesMoreThanTheLimitAndNothing() {
    List<LabelData> tooMany = java.util.Collections.nCopies(Labels.MAX_BATCH + 1, TestLabels.DOMESTIC.label());
    assertThatThrownBy(() -> LABELS.pdf(tooMany, new ByteArrayOutputStream()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1000");
    assertThatThrownBy(() -> LABELS.pdf(List.of(), new ByteArrayOutputStream()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void batchWithALabelTheFontCannotDraw_namesItAndWritesNothing() {
    LabelData bad = TestLabels.withRecipientName(TestLabels.DOMESTIC.label(), "张*😀");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> LABELS.pdf(List.of(TestLabels.LATIN.label(), bad), out))
        .isInstanceOf(LabelFontException.class)
        .hasMessage("label 2: label text has characters the label font cannot draw (field recipient.name)");
    assertThat(out.size()).isZero();
  }
}
