package org.parcelveil.label;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** The barcode symbols of a label as ZXing encodes them, one element per module, before any scaling. */
final class Codes {
  /** Medium error correction: survives a crease or a smudge without making the symbol much larger. */
  static final ErrorCorrectionLevel QR_LEVEL = ErrorCorrectionLevel.M;
  private static final Map<EncodeHintType, Object> QR_HINTS = Map.of(
      EncodeHintType.ERROR_CORRECTION, QR_LEVEL, EncodeHintType.MARGIN, 0);

  private Codes() {}

  /** Code 128 bars without quiet zone; ZXing switches to code set C for runs of digits, halving their width. */
  static boolean[] code128(String data) {
    return new Code128Writer().encode(data);
  }

  /** QR modules without quiet zone, one bit per module. */
  static BitMatrix qr(String content) {
    try {
      return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, QR_HINTS);
    } catch (WriterException e) {
      throw new IllegalArgumentException("QR content does not fit a QR code", e);
    }
  }
}
