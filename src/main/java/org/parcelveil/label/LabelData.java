package org.parcelveil.label;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;
import org.parcelveil.shipment.Payment;
import org.parcelveil.validation.ValidationException;

/**
 * Everything one label prints, already reduced to what may be printed: masked parties, no product, no street.
 *
 * @param sortCode the sorting code as the network assigns it, e.g. {@code HZ1-XH01-07}
 * @param cod cash on delivery, or {@code null} when the recipient pays nothing
 * @param qrToken a token from {@link QrTokens#issue}, carried by the QR code
 * @param checkUrl where a recipient checks the parcel is genuine; printed, and the QR code links below it
 * @param payment who pays the carriage (寄付, 到付, 月结)
 * @param hotline the carrier's customer service number, or {@code null} for none
 */
public record LabelData(
    String carrierName,
    String service,
    String waybill,
    String sortCode,
    MaskedParty recipient,
    MaskedParty sender,
    int weightGrams,
    LocalDate date,
    int pieceNumber,
    int pieceCount,
    Cod cod,
    String qrToken,
    String checkUrl,
    Payment payment,
    String hotline) {

  static final Pattern WAYBILL = Pattern.compile("[0-9A-Z]{6,24}");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,64}");
  private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?");
  private static final int MAX_WEIGHT_GRAMS = 1_000_000;
  private static final int MAX_PIECES = 999;

  public LabelData {
    carrierName = text("carrierName", carrierName, 24);
    service = text("service", service, 16);
    sortCode = text("sortCode", sortCode, 20);
    if (waybill == null || !WAYBILL.matcher(waybill).matches()) {
      throw ValidationException.of("waybill", "must be 6 to 24 capital letters or digits");
    }
    required("recipient", recipient);
    required("sender", sender);
    required("date", date);
    if (weightGrams <= 0 || weightGrams > MAX_WEIGHT_GRAMS) {
      throw ValidationException.of("weightGrams", "must be between 1 and " + MAX_WEIGHT_GRAMS);
    }
    if (pieceCount < 1 || pieceCount > MAX_PIECES || pieceNumber < 1 || pieceNumber > pieceCount) {
      throw ValidationException.of("pieceNumber", "must be between 1 and pieceCount (at most " + MAX_PIECES + ")");
    }
    if (qrToken == null || !TOKEN.matcher(qrToken).matches()) {
      throw ValidationException.of("qrToken", "must be a token from QrTokens");
    }
    if (checkUrl == null || checkUrl.length() > 48 || !URL.matcher(checkUrl).matches()) {
      throw ValidationException.of("checkUrl", "must be an http(s) URL of at most 48 characters");
    }
    if (payment == null) {
      payment = Payment.DEFAULT;
    }
    if (hotline != null) {
      hotline = text("hotline", hotline, 20);
    }
    checkUrl = checkUrl.endsWith("/") ? checkUrl.substring(0, checkUrl.length() - 1) : checkUrl;
  }

  /** A label paid by its sender, with no hotline. */
  public LabelData(String carrierName, String service, String waybill, String sortCode, MaskedParty recipient,
      MaskedParty sender, int weightGrams, LocalDate date, int pieceNumber, int pieceCount, Cod cod, String qrToken,
      String checkUrl) {
    this(carrierName, service, waybill, sortCode, recipient, sender, weightGrams, date, pieceNumber, pieceCount, cod,
        qrToken, checkUrl, Payment.DEFAULT, null);
  }

  /** What the QR code holds: a link a phone camera opens, from which a courier app takes the token. */
  public String qrContent() {
    return QrTokens.link(checkUrl, qrToken);
  }

  /** Trims and NFC-normalises {@code value}; refuses blanks, over-long text and control or unassigned characters. */
  static String text(String field, String value, int maxCodePoints) {
    if (value == null || value.isBlank()) {
      throw ValidationException.of(field, "is required");
    }
    String v = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
    if (v.codePointCount(0, v.length()) > maxCodePoints) {
      throw ValidationException.of(field, "must have at most " + maxCodePoints + " characters");
    }
    if (v.codePoints().anyMatch(LabelData::unprintable)) {
      throw ValidationException.of(field, "contains characters that cannot be printed");
    }
    return v;
  }

  /** Control, format, separator, unassigned and private-use code points: nothing a label draws. */
  static boolean unprintable(int cp) {
    int type = Character.getType(cp);
    return Character.isISOControl(cp) || type == Character.UNASSIGNED || type == Character.SURROGATE
        || type == Character.PRIVATE_USE || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static void required(String field, Object value) {
    if (Objects.isNull(value)) {
      throw ValidationException.of(field, "is required");
    }
  }
}
