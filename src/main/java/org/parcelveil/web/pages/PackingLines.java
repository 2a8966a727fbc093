package org.parcelveil.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parcelveil.label.PackingSlips;
import org.parcelveil.validation.FieldError;
import org.parcelveil.web.Frame;

/**
 * The console's packing-slip box read as items: one a line, {@code name x 2} or {@code name, 2} ({@code ×},
 * {@code *} and the full-width comma work too); a line with no quantity is one piece, blank lines are skipped.
 *
 * @param lineNumbers for each item, its line in the box (from 1), so errors point where the merchant typed it
 */
record PackingLines(List<PackingSlips.Line> items, List<Integer> lineNumbers) {
  /** Longer than any quantity the API accepts, so a run of digits reads as a bad quantity, not as part of a name. */
  private static final int MAX_DIGITS = 9;
  private static final Pattern SIGN = Pattern.compile("^(.+?)\\s*[×*,，]\\s*(\\d+)$");
  private static final Pattern ITEM_FIELD = Pattern.compile("items\\[(\\d+)\\]\\..*");
  private static final Pattern LETTER_X = Pattern.compile("^(.+?)\\s+[xX]\\s*(\\d+)$");

  static PackingLines parse(String text) {
    List<PackingSlips.Line> items = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    String[] lines = text == null ? new String[0] : text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      items.add(line(line));
      numbers.add(i + 1);
    }
    return new PackingLines(List.copyOf(items), List.copyOf(numbers));
  }

  private static PackingSlips.Line line(String line) {
    Matcher m = SIGN.matcher(line);
    if (!m.matches()) {
      m = LETTER_X.matcher(line);
    }
    if (!m.matches()) {
      return new PackingSlips.Line(line, 1, null);
    }
    String digits = m.group(2);
    Integer quantity = digits.length() > MAX_DIGITS ? null : Integer.valueOf(digits);
    return new PackingSlips.Line(m.group(1), quantity, null);
  }

  /** The line in the box of the item at {@code index}. */
  int lineOf(int index) {
    return lineNumbers.get(index);
  }

  /** The problems of {@code errors} in the page's language, each with the line it is about. */
  List<String> messages(Frame frame, List<FieldError> errors) {
    List<String> out = new ArrayList<>();
    for (FieldError e : errors) {
      Matcher m = ITEM_FIELD.matcher(e.field());
      if (!m.matches()) {
        out.add(frame.t("slip.error.count", PackingSlips.MAX_ITEMS));
        continue;
      }
      int line = lineOf(Integer.parseInt(m.group(1)));
      String key = switch (e.message()) {
        case PackingSlips.UNPRINTABLE -> "slip.error.unprintable";
        case PackingSlips.QUANTITY_RANGE -> "slip.error.quantity";
        default -> "slip.error.name";
      };
      out.add(frame.t(key, line, PackingSlips.MAX_NAME, PackingSlips.MAX_QUANTITY));
    }
    return out;
  }

  @Override
  public String toString() {
    return "PackingLines[items=" + items.size() + "]";
  }
}
