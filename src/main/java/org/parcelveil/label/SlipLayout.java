package org.parcelveil.label;

import java.util.ArrayList;
import java.util.List;
import org.parcelveil.label.Element.Align;
import org.parcelveil.label.Element.Box;
import org.parcelveil.label.Element.Text;

/**
 * Places a packing slip on label-sized pages (100 × 150 mm, the same paper as the labels): the waybill barcode, so the
 * packer scans slip and label together, the order reference, date and payment, then the items with their quantities
 * and the total. Items that do not fit go on further pages, each with the same head, so a page that slips out of
 * the pile still names its parcel.
 */
final class SlipLayout {
  private static final double LEFT = Layout.LEFT;
  private static final double NAME_WIDTH = 72;
  private static final double QTY_X = 78;
  private static final double QTY_WIDTH = 18;
  private static final double NAME_SIZE = 3.5;
  private static final double NAME_LINE = 4.25;
  private static final double SKU_SIZE = 2.75;
  private static final double SKU_LINE = 3.5;
  private static final double ITEMS_TOP = 56;
  private static final double ITEMS_BOTTOM = 134;

  private final Layout layout;
  private final LabelFont font;

  SlipLayout(Layout layout, LabelFont font) {
    this.layout = layout;
    this.font = font;
  }

  /** The pages of one slip; fails before anything is drawn if the font lacks a glyph. */
  List<List<Element>> place(PackingSlip slip) {
    List<List<Element>> rows = new ArrayList<>();
    List<Double> heights = new ArrayList<>();
    for (int i = 0; i < slip.items().size(); i++) {
      List<Element> row = new ArrayList<>();
      heights.add(item(row, "items[" + i + "]", slip.items().get(i)));
      rows.add(row);
    }
    List<List<List<Element>>> pages = new ArrayList<>();
    List<List<Element>> page = new ArrayList<>();
    double y = ITEMS_TOP;
    List<Double> offsets = new ArrayList<>();
    List<List<Double>> pageOffsets = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (y + heights.get(i) > ITEMS_BOTTOM && !page.isEmpty()) {
        pages.add(page);
        pageOffsets.add(offsets);
        page = new ArrayList<>();
        offsets = new ArrayList<>();
        y = ITEMS_TOP;
      }
      page.add(rows.get(i));
      offsets.add(y);
      y += heights.get(i);
    }
    pages.add(page);
    pageOffsets.add(offsets);

    List<List<Element>> out = new ArrayList<>(pages.size());
    for (int p = 0; p < pages.size(); p++) {
      List<Element> elements = head(slip, p + 1, pages.size());
      for (int r = 0; r < pages.get(p).size(); r++) {
        double top = pageOffsets.get(p).get(r);
        for (Element e : pages.get(p).get(r)) {
          Text t = (Text) e;
          elements.add(new Text(t.x(), t.y() + top, t.width(), t.size(), t.align(), t.text(), t.field()));
        }
      }
      out.add(elements);
    }
    return out;
  }

  private List<Element> head(PackingSlip slip, int page, int pages) {
    List<Element> out = new ArrayList<>(48);
    out.add(new Box(2, 2, 96, 146, 0.5));
    layout.text(out, "title", LEFT, 4, 60, 6, Align.LEFT, "装箱单 Packing slip");
    layout.text(out, "page", 64, 5.5, 32, 3.25, Align.RIGHT, "第 " + page + "/" + pages + " 页 Page");
    Layout.rule(out, 12.5);
    layout.waybill(out, slip.waybill(), 14.5, 12);
    Layout.rule(out, 34.5);
    layout.text(out, "reference", LEFT, 36, Layout.INNER, 4.5, Align.LEFT,
        "订单号 Order  " + (slip.reference() == null ? "-" : slip.reference()));
    layout.text(out, "date", LEFT, 42, Layout.INNER, 3.5, Align.LEFT, "日期 Date  " + slip.date()
        + "    运费 Carriage  " + slip.payment().chinese() + " " + slip.payment().english());
    Layout.rule(out, 47.5);
    layout.text(out, "header", LEFT, 49.5, NAME_WIDTH, 3, Align.LEFT, "商品 Item");
    layout.text(out, "header", QTY_X, 49.5, QTY_WIDTH, 3, Align.RIGHT, "数量 Qty");
    Layout.rule(out, 54);
    Layout.rule(out, 135.5);
    layout.text(out, "total", LEFT, 137, Layout.INNER, 3.75, Align.LEFT, "合计 Total  " + slip.pieces()
        + " 件 pieces · " + slip.items().size() + " 种 lines");
    layout.text(out, "notice", LEFT, 142.5, Layout.INNER, 2.625, Align.LEFT,
        "本单不含个人信息，请放入包裹内。No personal data: put this slip in the parcel.");
    return out;
  }

  /** One item laid out from y = 0 (moved onto its page later); returns its height in mm. */
  private double item(List<Element> out, String field, PackingItem item) {
    font.check(field + ".name", item.name());
    List<String> lines = wrap(item.name(), NAME_WIDTH / NAME_SIZE);
    double y = 0;
    for (String line : lines) {
      out.add(new Text(LEFT, y, NAME_WIDTH, NAME_SIZE, Align.LEFT, line, field + ".name"));
      y += NAME_LINE;
    }
    out.add(new Text(QTY_X, 0, QTY_WIDTH, NAME_SIZE, Align.RIGHT, "× " + item.quantity(), field + ".quantity"));
    if (item.sku() != null) {
      font.check(field + ".sku", item.sku());
      layout.text(out, field + ".sku", LEFT + 2, y, NAME_WIDTH - 2, SKU_SIZE, Align.LEFT, "SKU " + item.sku());
      y += SKU_LINE;
    }
    return y + 1;
  }

  /** Greedy line breaks at any code point (Chinese has no spaces to break at) so each line is at most {@code em}. */
  private List<String> wrap(String text, double em) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = start;
      while (end < text.length()) {
        int next = text.offsetByCodePoints(end, 1);
        if (end > start && font.width(text.substring(start, next)) > em) {
          break;
        }
        end = next;
      }
      lines.add(text.substring(start, end).strip());
      start = end;
    }
    return lines;
  }
}
