package org.parcelveil.label;

import com.google.zxing.common.BitMatrix;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.parcelveil.label.Element.Align;
import org.parcelveil.label.Element.Bars;
import org.parcelveil.label.Element.Box;
import org.parcelveil.label.Element.Qr;
import org.parcelveil.label.Element.Text;
import org.parcelveil.shipment.Payment;

/**
 * Places a label's zones on a 100 × 150 mm page: carrier, sorting code, waybill barcode, recipient, sender,
 * weight and payment beside the QR code, and the privacy line. Sizes are whole printer dots at 203 dpi (8 dots
 * per mm), so the thermal print and the previews agree.
 */
final class Layout {
  static final double WIDTH = 100;
  static final double HEIGHT = 150;
  static final double DOTS_PER_MM = 8;
  static final double LEFT = 4;
  static final double INNER = 92;
  private static final double RULE = 0.375;
  /** Below this an em is under 18 printer dots and Chinese characters stop being legible on a thermal print. */
  private static final double MIN_TEXT = 2.25;
  private static final double QUIET_ZONE_MODULES = 10;

  private final LabelFont font;

  Layout(LabelFont font) {
    this.font = font;
  }

  /** The elements of one label; fails before anything is drawn if the font lacks a glyph. */
  List<Element> place(LabelData d) {
    List<Element> out = new ArrayList<>(40);
    out.add(new Box(2, 2, 96, 146, 0.5));

    // Carrier and service.
    text(out, "carrierName", LEFT, 4, 54, 7, Align.LEFT, d.carrierName());
    text(out, "service", 60, 4, 36, 4.5, Align.RIGHT, d.service());
    if (d.hotline() != null) {
      text(out, "hotline", 60, 9.75, 36, 3.25, Align.RIGHT, "客服 Hotline " + d.hotline());
    }
    rule(out, 15);

    // Sorting code: the largest text, read by sorters from a distance.
    text(out, "sortCode", LEFT, 18, INNER, 15, Align.CENTER, d.sortCode());
    rule(out, 37);

    // Waybill as Code 128 and as text.
    waybill(out, d.waybill(), 39.5, 15);
    rule(out, 63);

    // Recipient: largest of the two parties, the courier's eye goes here first.
    text(out, "recipient", LEFT, 64.5, 40, 3, Align.LEFT, "收件人 To");
    party(out, "recipient", d.recipient(), 69, 6.5, 5);
    rule(out, 85);

    text(out, "sender", LEFT, 86.5, 40, 2.75, Align.LEFT, "寄件人 From");
    party(out, "sender", d.sender(), 90.5, 4, 3.5);
    rule(out, 101);

    // Weight, pieces, date, payment on the left; the QR code on the right.
    text(out, "weightGrams", LEFT, 103, 56, 3.75, Align.LEFT, "重量 Weight  " + weight(d.weightGrams())
        + "   件数 Pieces  " + d.pieceNumber() + "/" + d.pieceCount());
    text(out, "payment", LEFT, 108.5, 56, 3.75, Align.LEFT,
        "运费 Carriage  " + d.payment().chinese() + " " + d.payment().english());
    text(out, "date", LEFT, 114, 56, 3.75, Align.LEFT, "日期 Date  " + d.date());
    out.add(new Box(LEFT, 120, 56, 14, d.cod() == null ? RULE : 0.75));
    if (d.cod() != null) {
      text(out, "cod", LEFT + 1, 121.5, 54, 5.5, Align.CENTER, d.cod().chinese());
      text(out, "cod", LEFT + 1, 128, 54, 4, Align.CENTER, d.cod().english());
    } else if (d.payment() == Payment.RECIPIENT) {
      // No goods money, but the recipient does pay the carriage (到付): "nothing to pay" would be untrue.
      text(out, "cod", LEFT + 1, 122, 54, 4.5, Align.CENTER, "无代收货款 只付运费");
      text(out, "cod", LEFT + 1, 128, 54, 3.5, Align.CENTER, "No COD: pay the carriage only");
    } else {
      // Said outright: fake cash-on-delivery parcels are a common fraud, and the recipient should know to refuse.
      text(out, "cod", LEFT + 1, 122, 54, 4.5, Align.CENTER, "无代收货款 请勿付款");
      text(out, "cod", LEFT + 1, 128, 54, 3.5, Align.CENTER, "No COD: nothing to pay");
    }
    out.add(new Box(62, 101, RULE, 34.5, RULE));
    out.add(qr(d.qrContent()));
    rule(out, 135.5);

    // What we hide, and how to check the parcel is genuine.
    text(out, "notice", LEFT, 136.75, INNER, 2.625, Align.LEFT, "个人信息已由 ParcelVeil 保护。扫码或访问以下网址验证包裹真伪：");
    text(out, "notice", LEFT, 140, INNER, 2.625, Align.LEFT,
        "Personal data protected by ParcelVeil. Check this parcel:");
    text(out, "checkUrl", LEFT, 143.25, INNER, 2.875, Align.LEFT, d.checkUrl());
    return out;
  }

  /** The waybill as a centred Code 128 barcode {@code height} mm tall at {@code top}, with its text below. */
  void waybill(List<Element> out, String waybill, double top, double height) {
    boolean[] modules = Codes.code128(waybill);
    double module = barModule(modules.length);
    double barsWidth = modules.length * module;
    out.add(new Bars(WIDTH / 2 - barsWidth / 2, top, module, height, modules, waybill));
    text(out, "waybill", LEFT, top + height + 1.5, INNER, 4.5, Align.CENTER, spaced(waybill));
  }

  private void party(List<Element> out, String role, MaskedParty p, double y, double size, double areaSize) {
    text(out, role + ".name", LEFT, y, 34, size, Align.LEFT, p.name());
    text(out, role + ".phone", 40, y, 56, size, Align.LEFT, p.phone());
    text(out, role + ".area", LEFT, y + size + 1, INNER, areaSize, Align.LEFT, p.area());
  }

  void text(List<Element> out, String field, double x, double y, double width, double size, Align align,
      String s) {
    font.check(field, s);
    // The field length caps in LabelData and MaskedParty are chosen so that even all-Chinese text fits at MIN_TEXT.
    double fitted = Math.min(size, width / Math.max(font.width(s), 1e-6));
    out.add(new Text(x, y, width, Math.max(snap(fitted), MIN_TEXT), align, s, field));
  }

  static void rule(List<Element> out, double y) {
    out.add(new Box(2, y, 96, RULE, RULE));
  }

  /** The widest whole-dot bar module (0.5, 0.375 or 0.25 mm) that fits with its quiet zones. */
  static double barModule(int modules) {
    for (int dots = 4; dots > 2; dots--) {
      if ((modules + 2 * QUIET_ZONE_MODULES) * dots / DOTS_PER_MM <= INNER) {
        return dots / DOTS_PER_MM;
      }
    }
    return 2 / DOTS_PER_MM;
  }

  private static Qr qr(String content) {
    BitMatrix m = Codes.qr(content);
    double dots = Math.max(3, Math.min(8, Math.floor(27.75 * DOTS_PER_MM / m.getWidth())));
    double module = dots / DOTS_PER_MM;
    double size = m.getWidth() * module;
    return new Qr(80 - size / 2, 104 + (27.75 - size) / 2, module, m, content);
  }

  /** Rounds down to whole printer dots. */
  static double snap(double mm) {
    return Math.floor(mm * DOTS_PER_MM) / DOTS_PER_MM;
  }

  /** {@code 1.25 kg}: two decimals, rounded up, as carriers charge by the started ten grams. */
  static String weight(int grams) {
    return BigDecimal.valueOf(grams, 3).setScale(2, RoundingMode.CEILING).toPlainString() + " kg";
  }

  /** Groups of four, easier to read aloud over the phone: {@code PV12 3456 7890 1234 X}. */
  static String spaced(String waybill) {
    StringBuilder sb = new StringBuilder(waybill.length() + waybill.length() / 4);
    for (int i = 0; i < waybill.length(); i++) {
      if (i > 0 && i % 4 == 0) {
        sb.append(' ');
      }
      sb.append(waybill.charAt(i));
    }
    return sb.toString();
  }
}
