package org.parcelveil.web.pages;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The column headers an import understands: each field's English name ({@link ShipmentImport#COLUMNS}) and the Chinese
 * names order managers and platform exports use (收件人, 收件人电话, 省, 详细地址, ...). Headers are compared after
 * trimming, full-width to half-width folding (（克） is (克)), removing spaces and lower-casing. docs/console.md
 * lists them.
 */
final class ImportColumns {
  /** Chinese names by field; the English field name itself is always accepted too. */
  static final Map<String, List<String>> CHINESE = chinese();
  private static final Map<String, String> BY_HEADER = byHeader();

  private ImportColumns() {}

  /** The field a header names, if any. */
  static Optional<String> field(String header) {
    return Optional.ofNullable(BY_HEADER.get(fold(header)));
  }

  private static Map<String, List<String>> chinese() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("reference", List.of("订单号", "订单编号", "商家订单号", "参考号"));
    m.put("sender_name", List.of("寄件人", "寄件人姓名"));
    m.put("sender_phone", List.of("寄件人电话", "寄件人手机", "寄件电话"));
    m.put("sender_province", List.of("寄件省", "寄件人省份", "寄件省份"));
    m.put("sender_city", List.of("寄件市", "寄件人城市", "寄件城市"));
    m.put("sender_district", List.of("寄件区", "寄件人区县", "寄件区县"));
    m.put("sender_street", List.of("寄件街道", "寄件人街道"));
    m.put("sender_detail", List.of("寄件详细地址", "寄件人详细地址", "寄件地址"));
    m.put("recipient_name", List.of("收件人", "收件人姓名", "收货人", "收货人姓名"));
    m.put("recipient_phone", List.of("收件人电话", "收件人手机", "收件人手机号", "收货人电话", "收货人手机", "联系电话",
        "手机"));
    m.put("recipient_province", List.of("省", "省份", "收件省", "收件人省份", "收货省份"));
    m.put("recipient_city", List.of("市", "城市", "收件市", "收件人城市", "收货城市"));
    m.put("recipient_district", List.of("区", "区县", "区/县", "收件区", "收件人区县", "收货区县"));
    m.put("recipient_street", List.of("街道", "乡镇/街道", "收件街道", "收件人街道"));
    m.put("recipient_detail", List.of("详细地址", "收件详细地址", "收件人详细地址", "收货地址", "收件地址"));
    m.put("weight_grams", List.of("重量(克)", "重量(g)", "重量克"));
    m.put("length_cm", List.of("长(厘米)", "长度(厘米)", "长(cm)"));
    m.put("width_cm", List.of("宽(厘米)", "宽度(厘米)", "宽(cm)"));
    m.put("height_cm", List.of("高(厘米)", "高度(厘米)", "高(cm)"));
    m.put("cod_amount", List.of("代收货款", "代收金额", "代收货款(元)"));
    m.put("cod_currency", List.of("币种", "代收币种"));
    m.put("payment", List.of("付款方式", "运费支付", "支付方式"));
    m.put("recipient_sealed", List.of("加密收件人", "密文收件人"));
    m.put("recipient_platform", List.of("平台", "平台编号"));
    m.put("recipient_order_id", List.of("平台订单号"));
    m.put("recipient_order", List.of("登记订单", "订单句柄"));
    return m;
  }

  private static Map<String, String> byHeader() {
    Map<String, String> m = new HashMap<>();
    for (String field : ShipmentImport.COLUMNS) {
      m.put(fold(field), field);
    }
    CHINESE.forEach((field, names) -> names.forEach(n -> {
      if (m.put(fold(n), field) != null) {
        throw new IllegalStateException("header " + n + " names two fields");
      }
    }));
    return m;
  }

  /** Trimmed, NFKC-folded (full-width brackets and letters to half-width), without spaces, lower case. */
  static String fold(String header) {
    String s = header == null ? "" : Normalizer.normalize(header, Normalizer.Form.NFKC);
    return s.replace("\uFEFF", "").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
  }
}
