package org.parcelveil.vault;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masking rules, stricter than GB/T 41833-2022 (which hides at least one character of a name and six digits of a
 * phone): a Chinese name keeps only its family name and always two stars ({@code 张**}, {@code 欧阳**}), a Latin name
 * only the initials of its first three parts ({@code J. S.}).
 */
public final class Masking {
  /** Two-character family names: for these the family name is the first two characters. */
  private static final Set<String> COMPOUND_SURNAMES = Set.of(
      "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
      "令狐", "端木", "独孤", "南宫", "西门", "轩辕", "呼延", "百里", "东郭", "闻人", "赫连", "澹台", "公冶",
      "宗政", "濮阳", "太叔", "申屠", "钟离", "万俟", "司空", "第五");

  /** A label has room for three initials; more would also say more about the person. */
  private static final int MAX_INITIALS = 3;
  private static final String GIVEN_NAME_MASK = "**";
  // Compiled once: every created shipment's answer masks its names.
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern NAME_PARTS = Pattern.compile("[\\s\\-]+");

  private Masking() {}

  public static String name(String name) {
    String n = name.strip();
    if (n.codePoints().anyMatch(Masking::isHan)) {
      return hanName(SPACES.matcher(n).replaceAll(""));
    }
    StringBuilder out = new StringBuilder();
    int parts = 0;
    for (String part : NAME_PARTS.split(n)) {
      // An initial is a letter: a part without one (a number, a symbol) says nothing a label should print.
      int initial = part.codePoints().filter(Character::isLetter).findFirst().orElse(-1);
      if (initial < 0 || parts++ >= MAX_INITIALS) {
        continue;
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      out.appendCodePoint(Character.toUpperCase(initial)).append('.');
    }
    // Upper-cased per code point, never as a string: "ß".toUpperCase() is "SS", two letters where a label expects one.
    return out.length() == 0 ? "*" : out.toString();
  }

  private static String hanName(String n) {
    int length = n.codePointCount(0, n.length());
    int keep = length > 2 && COMPOUND_SURNAMES.contains(n.substring(0, n.offsetByCodePoints(0, 2))) ? 2 : 1;
    int cut = n.offsetByCodePoints(0, keep);
    // Always two stars: the mask must not tell how long the given name is (张* would say "one character").
    return n.substring(0, cut) + GIVEN_NAME_MASK;
  }

  private static boolean isHan(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }
}
