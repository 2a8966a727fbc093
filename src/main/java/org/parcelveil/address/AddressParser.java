package org.parcelveil.address;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Splits a pasted Chinese address line ({@code 张三 13912345678 浙江省杭州市西湖区文三路90号2栋1204室}, its parts in any
 * order, with commas, labels such as {@code 收件人：}, short province names, a landline or {@code +86}) into name,
 * phone and address fields. Areas are found in the official division list; a part it cannot place is handed back as
 * unparsed, never guessed. Keeps nothing.
 */
public final class AddressParser {
  /** Longest text accepted, in characters: a real address line is well under 200. */
  public static final int MAX_LENGTH = 500;

  private static final Pattern LABEL = Pattern.compile(
      "(收货人|收件人|寄件人|联系人|姓名|名字|手机号码|手机号|手机|联系电话|电话号码|电话|固话|所在地区|详细地址|收货地址|收件地址|地址|邮编|邮政编码)\\s*[:：]");
  private static final Pattern MOBILE = Pattern.compile(
      "(?<![0-9])(?:(?:\\+|00)?86[\\s-]?)?(1[3-9][0-9])[\\s-]?([0-9]{4})[\\s-]?([0-9]{4})(?![0-9])");
  private static final Pattern LANDLINE = Pattern.compile(
      "(?<![0-9])(?:(?:\\+|00)?86[\\s-]?)?\\(?(0[1-9][0-9]{1,2})\\)?[\\s-]?([0-9]{7,8})(?:(?:-|转)([0-9]{1,6}))?(?![0-9])");
  private static final Pattern POSTCODE = Pattern.compile("(?<![0-9])[1-8][0-9]{5}(?![0-9])");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,;、|]+");
  /** A person's name: a few Han characters (with the · of transliterated names) or a Latin name. */
  private static final Pattern NAME = Pattern.compile("[\\p{IsHan}·]{1,8}(先生|女士|小姐)?|[A-Za-z][A-Za-z .'-]{0,39}");
  private static final Pattern LATIN = Pattern.compile("[A-Za-z][A-Za-z.'-]*");
  /** Words that mark address text rather than a name. */
  private static final Pattern ADDRESS_WORD = Pattern.compile(
      "[0-9路街道巷弄号栋幢楼层室单元村镇乡组区县市省苑园庭院府城广场大厦公寓小区座期]");
  /** Where a street (a road or lane and its number) ends and the building and room begin. */
  private static final Pattern ROAD = Pattern.compile("^(.{0,40}?(?:路|街|道|巷|弄|胡同|里)[0-9A-Za-z-]+号)(.+)$");
  /** Else a town-level street (街道, 镇, 乡) at the start. */
  private static final Pattern TOWN = Pattern.compile("^(.{1,20}?(?:街道|镇|乡))(.+)$");

  private final Divisions divisions;

  public AddressParser(Divisions divisions) {
    this.divisions = divisions;
  }

  /** Parses {@code text}, at most {@link #MAX_LENGTH} characters (the caller refuses longer ones). */
  public ParsedAddress parse(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    s = LABEL.matcher(s).replaceAll(" ");
    String phone = null;
    Matcher m = MOBILE.matcher(s);
    if (m.find()) {
      phone = m.group(1) + m.group(2) + m.group(3);
      s = s.substring(0, m.start()) + " " + s.substring(m.end());
    } else {
      m = LANDLINE.matcher(s);
      if (m.find()) {
        phone = m.group(1) + "-" + m.group(2) + (m.group(3) == null ? "" : "-" + m.group(3));
        s = s.substring(0, m.start()) + " " + s.substring(m.end());
      }
    }
    List<String> tokens = new ArrayList<>();
    for (String t : SEPARATORS.split(s)) {
      if (!t.isBlank()) {
        int at = divisionWord(t) ? -1 : provinceInside(t);
        if (at > 0) {
          tokens.add(t.substring(0, at)); // 张三浙江省杭州市...: a name written against the address
          t = t.substring(at);
        }
        if (LATIN.matcher(t).matches() && !tokens.isEmpty() && LATIN.matcher(tokens.get(tokens.size() - 1)).matches()) {
          tokens.set(tokens.size() - 1, tokens.get(tokens.size() - 1) + " " + t); // Li Lei: one name
        } else {
          tokens.add(t);
        }
      }
    }
    int start = -1;
    Area best = null;
    for (int i = 0; i < tokens.size(); i++) {
      Area a = area(String.join("", tokens.subList(i, tokens.size())));
      if (a.found() > 0 && (best == null || a.found() > best.found())) {
        best = a;
        start = i;
      }
    }
    String name = null;
    List<String> unparsed = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      boolean inAddress = start >= 0 && i >= start;
      if (looksLikeName(t)) {
        if (name == null) {
          name = t;
        } else {
          unparsed.add(t);
        }
      } else if (inAddress) {
        rest.append(t);
      } else if (!POSTCODE.matcher(t).matches()) {
        unparsed.add(t);
      }
    }
    ParsedAddress.Parts parts;
    if (best == null) {
      if (!rest.isEmpty()) {
        unparsed.add(rest.toString());
      }
      parts = new ParsedAddress.Parts(null, null, null, null, null);
    } else {
      Area a = area(rest.toString());
      String tail = POSTCODE.matcher(rest.substring(a.end())).replaceAll("").strip();
      String street = null;
      String detail = tail.isEmpty() ? null : tail;
      for (Pattern split : List.of(ROAD, TOWN)) {
        Matcher sm = split.matcher(tail);
        if (sm.matches() && !sm.group(2).isBlank()) {
          street = sm.group(1);
          detail = sm.group(2).strip();
          break;
        }
      }
      parts = new ParsedAddress.Parts(a.province(), a.city(), a.district(), street, detail);
    }
    return new ParsedAddress(name, phone, parts, unparsed);
  }

  /** A few Han characters or a Latin name, not a division, and not address words (园, 号) beyond a short name. */
  private boolean looksLikeName(String t) {
    return NAME.matcher(t).matches() && !divisionWord(t)
        && !(ADDRESS_WORD.matcher(t).find() && t.codePointCount(0, t.length()) > 3);
  }

  /** Where a full province name begins inside {@code t} after other text, or -1. */
  private int provinceInside(String t) {
    for (int i = 1; i < t.length() - 1; i++) {
      int n = longestPrefix(t, i, k -> divisions.province(k) != null && divisions.province(k).name().equals(k));
      if (n > 0) {
        return i;
      }
    }
    return -1;
  }

  /** True if the token begins with a province, city or district name (a name of 杭州 is not a name of a person). */
  private boolean divisionWord(String t) {
    return area(t).found() > 0;
  }

  /** The area at the start of {@code s}, as far as it goes, and where it ends. */
  private record Area(@Nullable String province, @Nullable String city, @Nullable String district, int found,
      int end) {}

  private Area area(String s) {
    int pos = 0;
    int found = 0;
    int n = longestPrefix(s, pos, k -> divisions.province(k) != null);
    Divisions.Province province = n == 0 ? null : divisions.province(s.substring(pos, pos + n));
    if (n > 0) {
      pos += n;
      found++;
    }
    Divisions.City city = null;
    Divisions.Province within = province;
    n = longestPrefix(s, pos, k -> within == null ? divisions.citiesNamed(k).size() == 1
        : within.cities().containsKey(k));
    if (n > 0) {
      String k = s.substring(pos, pos + n);
      city = province == null ? divisions.citiesNamed(k).get(0) : province.cities().get(k);
      province = divisions.province(city.province());
      pos += n;
      found++;
    }
    String district = null;
    Divisions.City inCity = city;
    Divisions.Province inProvince = province;
    n = longestPrefix(s, pos, k -> inCity != null ? inCity.districts().containsKey(k) : unique(inProvince, k) != null);
    if (n > 0) {
      String k = s.substring(pos, pos + n);
      if (city != null) {
        district = city.districts().get(k);
      } else {
        Division d = unique(province, k);
        province = divisions.province(d.province());
        city = province.cities().get(d.city());
        district = d.district();
      }
      pos += n;
      found++;
    } else if (city != null && city.districts().size() <= 2 && city.districts().containsKey(city.name())) {
      district = city.name(); // 东莞市, 仙桃市: the city is its own district
    }
    return new Area(province == null ? null : province.name(), city == null ? null : city.name(), district, found,
        pos);
  }

  /** The one district of that name in {@code province} (anywhere when null), or null when none or several. */
  private @Nullable Division unique(Divisions.@Nullable Province province, String name) {
    Division only = null;
    for (Division d : divisions.districtsNamed(name)) {
      if (province == null || d.province().equals(province.name())) {
        if (only != null) {
          return null;
        }
        only = d;
      }
    }
    return only;
  }

  private int longestPrefix(String s, int from, java.util.function.Predicate<String> known) {
    for (int len = Math.min(divisions.longestName(), s.length() - from); len >= 2; len--) {
      if (known.test(s.substring(from, from + len))) {
        return len;
      }
    }
    return 0;
  }
}
