package org.parcelveil.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.GenericMultipleBarcodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

class PngLabelTest {
  private static final Labels LABELS = Labels.withDefaults();

  static Stream<Arguments> labels() {
    return Stream.of(
        Arguments.of(TestLabels.DOMESTIC.label(), Dpi.DPI_203),
        Arguments.of(TestLabels.DOMESTIC.label(), Dpi.DPI_300),
        Arguments.of(TestLabels.LATIN.label(), Dpi.DPI_203),
        Arguments.of(TestLabels.LATIN.label(), Dpi.DPI_300));
  }

  @ParameterizedTest
  @MethodSource("labels")
  void png_decodesToTheWaybillAndAResolvingToken(LabelData label, Dpi dpi) throws Exception {
    byte[] png = LABELS.png(label, dpi);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

    assertThat(image.getWidth()).isEqualTo(100 * dpi.dotsPerMm());
    assertThat(image.getHeight()).isEqualTo(150 * dpi.dotsPerMm());
    assertThat(pixelsPerMetre(png)).isEqualTo(String.valueOf(dpi.dotsPerMm() * 1000));
    List<Result> found = decodeAll(image);
    assertThat(found).filteredOn(r -> r.getBarcodeFormat() == BarcodeFormat.CODE_128)
        .singleElement().satisfies(r -> assertThat(r.getText()).isEqualTo(label.waybill()));
    assertThat(found).filteredOn(r -> r.getBarcodeFormat() == BarcodeFormat.QR_CODE)
        .singleElement().satisfies(r -> {
          assertThat(r.getText()).isEqualTo(label.qrContent());
          assertThat(TestLabels.TOKENS.resolve(r.getText())).contains(label.waybill());
        });
  }

  /** Every barcode ZXing finds on the image, as a phone or a station scanner would. */
  static List<Result> decodeAll(BufferedImage image) throws NotFoundException {
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    Map<DecodeHintType, Object> hints = Map.of(
        DecodeHintType.POSSIBLE_FORMATS, EnumSet.of(BarcodeFormat.CODE_128, BarcodeFormat.QR_CODE),
        DecodeHintType.TRY_HARDER, Boolean.TRUE);
    return List.of(new GenericMultipleBarcodeReader(new MultiFormatReader()).decodeMultiple(bitmap, hints));
  }

  private static String pixelsPerMetre(byte[] png) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      Element root = (Element) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
      return ((Element) root.getElementsByTagName("pHYs").item(0)).getAttribute("pixelsPerUnitXAxis");
    }
  }
}
