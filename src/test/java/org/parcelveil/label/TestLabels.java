package org.parcelveil.label;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.parcelveil.shipment.Payment;

/**
 * Label fixtures, each with the plain values behind it that must never appear on the printed label. The masked
 * values are written out as {@code vault.Masking} makes them.
 */
final class TestLabels {
  static final byte[] KEY_1 = bytes(0x11);
  static final byte[] KEY_2 = bytes(0x22);
  static final QrTokens TOKENS = new QrTokens(Map.of(1, KEY_1, 2, KEY_2), 2);
  static final String CHECK_URL = "https://check.parcelveil.cn";

  /** A Chinese domestic parcel with cash on delivery, carriage on the merchant's monthly account. */
  static final Fixture DOMESTIC = new Fixture(
      paid(Payment.MONTHLY, "95338", label("顺达快递", "标准快递 Standard", "PV20261129000417K", "HZ1-XH01-07",
          new MaskedParty("张**", "*******5678", "浙江省 杭州市 西湖区"),
          new MaskedParty("欧阳**", "*******1234", "广东省 深圳市 南山区"),
          1250, 1, 1, Cod.of(12850, "CNY"))),
      List.of("张伟明", "13812345678", "138 1234 5678", "文三路", "东部软件园", "502室", "欧阳娜娜", "13900001234",
          "科技园南路", "维生素D3软胶囊", "iPhone"));

  /** A parcel for a recipient with a Latin name, no COD but the carriage to pay (到付), two pieces. */
  static final Fixture LATIN = new Fixture(
      paid(Payment.RECIPIENT, "400-811-1111", label("Swift Parcel 迅捷", "Express 特快", "PV20261129000932C", "BJ2-CY03-15",
          new MaskedParty("J. S.", "********0123", "Beijing, Chaoyang District"),
          new MaskedParty("M. G. L.", "*******9876", "上海市 上海市 浦东新区"),
          480, 2, 2, null)),
      List.of("John Smith", "Smith", "447700900123", "7700 900123", "Baker Street", "221B", "Maria",
          "Garcia", "13811119876", "Nikon D850", "camera"));

  private TestLabels() {}

  record Fixture(LabelData label, List<String> plainValues) {}

  static LabelData label(String carrier, String service, String waybill, String sortCode, MaskedParty recipient,
      MaskedParty sender, int grams, int piece, int pieces, Cod cod) {
    return new LabelData(carrier, service, waybill, sortCode, recipient, sender, grams, LocalDate.of(2026, 11, 29),
        piece, pieces, cod, TOKENS.issue(waybill), CHECK_URL);
  }

  /** {@code d} with its carriage paid as {@code payment} and the carrier's {@code hotline}. */
  static LabelData paid(Payment payment, String hotline, LabelData d) {
    return new LabelData(d.carrierName(), d.service(), d.waybill(), d.sortCode(), d.recipient(), d.sender(),
        d.weightGrams(), d.date(), d.pieceNumber(), d.pieceCount(), d.cod(), d.qrToken(), d.checkUrl(), payment,
        hotline);
  }

  static LabelData withRecipientName(LabelData d, String name) {
    MaskedParty r = d.recipient();
    return new LabelData(d.carrierName(), d.service(), d.waybill(), d.sortCode(),
        new MaskedParty(name, r.phone(), r.area()), d.sender(), d.weightGrams(), d.date(), d.pieceNumber(),
        d.pieceCount(), d.cod(), d.qrToken(), d.checkUrl(), d.payment(), d.hotline());
  }

  private static byte[] bytes(int fill) {
    byte[] b = new byte[32];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (fill + i);
    }
    return b;
  }
}
