package org.parcelveil.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {
  private final LabelFont font = LabelFont.load(null);
  private final Layout layout = new Layout(font);

  @Test
  void longestAllowedFields_fitInsideTheirBoxes() {
    String han = "赣";
    MaskedParty party = new MaskedParty("欧阳" + "*".repeat(10), "*".repeat(16) + "1234", han.repeat(40));
    String waybill = "Z".repeat(24);
    LabelData d = new LabelData(han.repeat(24), han.repeat(16), waybill, han.repeat(20), party, party, 999_999,
        LocalDate.of(2026, 12, 31), 999, 999, Cod.of(99_999_999_99L, "CNY"), TestLabels.TOKENS.issue(waybill),
        "https://" + "w".repeat(29) + ".example.cn", org.parcelveil.shipment.Payment.MONTHLY,
        "+86 400 811 1111 999");

    List<Element> elements = layout.place(d);

    for (Element e : elements) {
      if (e instanceof Element.Text t) {
        assertThat(font.width(t.text()) * t.size()).as(t.field()).isLessThanOrEqualTo(t.width() + 0.01);
        assertThat(t.x() + t.width()).as(t.field()).isLessThanOrEqualTo(Layout.WIDTH - 2);
      }
      if (e instanceof Element.Bars b) {
        assertThat(b.x()).isGreaterThanOrEqualTo(4);
        assertThat(b.x() + b.width()).isLessThanOrEqualTo(96);
      }
      if (e instanceof Element.Qr q) {
        assertThat(q.x() + q.size()).isLessThanOrEqualTo(98 - 3);
        assertThat(q.y() + q.size()).isLessThanOrEqualTo(135.5 - 3);
      }
    }
  }

  @Test
  void everyFormat_drawsTheSameElements() {
    List<Element> elements = layout.place(TestLabels.DOMESTIC.label());
    long texts = elements.stream().filter(Element.Text.class::isInstance).count();
    String zpl = new ZplRenderer(LabelSettings.DEFAULT_ZPL_FONT).render(elements);
    assertThat(zpl.split("\\^AJN", -1).length - 1).isEqualTo((int) texts);
    assertThat(zpl.split("\\^BC", -1).length - 1).isEqualTo(1);
    assertThat(zpl.split("\\^BQ", -1).length - 1).isEqualTo(1);
  }
}
