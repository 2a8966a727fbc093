package org.parcelveil.address;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.parcelveil.validation.Check;

/**
 * The official list of China's provinces, cities and districts (GB/T 2260), as vendored in {@code divisions.tsv}
 * (see docs/addresses.md), with the short forms people write. Checking an area is three map look-ups: it runs for
 * both parties of every shipment.
 *
 * <p>One immutable list per process, like {@link java.util.Currency}'s table: it is reference data that changes only
 * with a new release, so it is loaded once from the class path rather than passed around.
 */
public final class Divisions {
  static final String RESOURCE = "divisions.tsv";
  /** The codes of the four municipalities, whose city level in the list is a placeholder (市辖区, 县). */
  private static final Set<String> MUNICIPALITIES = Set.of("11", "12", "31", "50");
  /** The city-level placeholder for county-level cities a province governs directly. */
  private static final String DIRECT = "直辖县级行政区划";

  /** A province: its cities by name and short form. */
  record Province(String name, Map<String, City> cities, Set<String> placeholders) {}

  /** A city: its districts' full names by name and short form. */
  record City(String province, String name, Map<String, String> districts) {}

  private final Map<String, Province> provinces;
  private final Map<String, List<City>> citiesAnywhere;
  private final Map<String, List<Division>> districtsAnywhere;
  private final int longestName;
  private final List<String> provinceNames;
  private final List<String> cityNames;

  private Divisions(Map<String, Province> provinces, Map<String, List<City>> citiesAnywhere,
      Map<String, List<Division>> districtsAnywhere, int longestName, List<String> provinceNames,
      List<String> cityNames) {
    this.provinceNames = List.copyOf(provinceNames);
    this.cityNames = List.copyOf(cityNames);
    this.provinces = provinces;
    this.citiesAnywhere = citiesAnywhere;
    this.districtsAnywhere = districtsAnywhere;
    this.longestName = longestName;
  }

  private static final class Official {
    static final Divisions LIST = load();

    private static Divisions load() {
      try (InputStream in = Divisions.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("division list " + RESOURCE + " missing from the class path");
        }
        return Divisions.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The vendored official list. */
  public static Divisions official() {
    return Official.LIST;
  }

  /**
   * Checks and normalises an area already trimmed: {@code 浙江 / 杭州 / 西湖} becomes {@code 浙江省 / 杭州市 / 西湖区}.
   * An unknown level is a field error under {@code prefix} ({@code recipient.address.city}); the levels below it
   * are then not judged.
   *
   * @return the area as the list writes it, or null when a level is unknown
   */
  public @Nullable Division check(Check check, String prefix, String province, String city, String district) {
    Province p = provinces.get(province);
    if (p == null) {
      check.fail(prefix + ".province", "is not a province of China in the official division list (GB/T 2260)");
      return null;
    }
    City c = p.cities().get(city);
    if (c == null && p.placeholders().contains(city)) {
      c = p.cities().get(district); // 省直辖县级行政区划 / 仙桃市: the county-level city is its own city
    }
    if (c == null) {
      check.fail(prefix + ".city", "is not a city of this province in the official division list (GB/T 2260)");
      return null;
    }
    String d = c.districts().get(district);
    if (d == null) {
      check.fail(prefix + ".district", "is not a district of this city in the official division list (GB/T 2260)");
      return null;
    }
    return new Division(p.name(), c.name(), d);
  }

  /** The provinces' official names, in code order (for pickers). */
  public List<String> provinceNames() {
    return provinceNames;
  }

  /** The cities' names as areas are written (municipalities as themselves), in code order (for pickers). */
  public List<String> cityNames() {
    return cityNames;
  }

  @Nullable Province province(String name) {
    return provinces.get(name);
  }

  List<City> citiesNamed(String name) {
    return citiesAnywhere.getOrDefault(name, List.of());
  }

  List<Division> districtsNamed(String name) {
    return districtsAnywhere.getOrDefault(name, List.of());
  }

  /** The longest name or short form, in characters: no look-up of a longer prefix can hit. */
  int longestName() {
    return longestName;
  }

  /** Reads the list: lines {@code code<TAB>name}, codes of 2 (province), 4 (city) and 6 (district) digits. */
  static Divisions read(InputStream in) throws IOException {
    Map<String, String> provinceNames = new LinkedHashMap<>();
    Map<String, String> cityNames = new LinkedHashMap<>();
    Map<String, List<String>> districtsOfCity = new LinkedHashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      String code = line.substring(0, tab);
      String name = line.substring(tab + 1).strip();
      switch (code.length()) {
        case 2 -> provinceNames.put(code, name);
        case 4 -> cityNames.put(code, name);
        case 6 -> districtsOfCity.computeIfAbsent(code.substring(0, 4), k -> new ArrayList<>()).add(name);
        default -> throw new IOException("division code of unexpected length in " + RESOURCE);
      }
    }
    Names<Province> provinceLookup = new Names<>();
    Map<String, List<City>> citiesAnywhere = new java.util.HashMap<>();
    Map<String, List<Division>> districtsAnywhere = new java.util.HashMap<>();
    int[] longest = {0};
    List<String> cityList = new ArrayList<>();
    provinceNames.forEach((pcode, pname) -> {
      Map<String, Map<String, String>> districtsByCity = new LinkedHashMap<>();
      java.util.Set<String> placeholders = new java.util.HashSet<>();
      cityNames.forEach((ccode, cname) -> {
        if (!ccode.startsWith(pcode)) {
          return;
        }
        List<String> districts = districtsOfCity.getOrDefault(ccode, List.of());
        if (MUNICIPALITIES.contains(pcode)) {
          placeholders.add(cname); // 市辖区, 县: written as the municipality
          districtsByCity.computeIfAbsent(pname, k -> new LinkedHashMap<>());
          districts.forEach(d -> districtsByCity.get(pname).put(d, d));
        } else if (cname.endsWith(DIRECT)) {
          placeholders.add(cname);
          districts.forEach(d -> districtsByCity.computeIfAbsent(d, k -> new LinkedHashMap<>()).put(d, d));
        } else {
          Map<String, String> own = districtsByCity.computeIfAbsent(cname, k -> new LinkedHashMap<>());
          districts.forEach(d -> own.put(d, d));
        }
      });
      Names<City> cities = new Names<>();
      List<City> built = new ArrayList<>();
      districtsByCity.forEach((cname, districts) -> {
        Names<String> districtLookup = new Names<>();
        districts.keySet().forEach(d -> {
          districtLookup.full(d, d);
          districtLookup.shortForm(ShortNames.of(d), d);
        });
        City city = new City(pname, cname, districtLookup.build());
        built.add(city);
        cityList.add(cname);
        cities.full(cname, city);
        cities.shortForm(ShortNames.of(cname), city);
      });
      if (MUNICIPALITIES.contains(pcode)) {
        City only = built.get(0);
        placeholders.forEach(ph -> cities.full(ph, only));
      }
      Province province = new Province(pname, cities.build(), Set.copyOf(placeholders));
      provinceLookup.full(pname, province);
      provinceLookup.shortForm(ShortNames.of(pname), province);
      province.cities().forEach((alias, city) -> {
        longest[0] = Math.max(longest[0], alias.length());
        if (!placeholders.contains(alias)) {
          citiesAnywhere.computeIfAbsent(alias, k -> new ArrayList<>()).add(city);
        }
      });
      for (City city : built) {
        city.districts().forEach((alias, full) -> {
          longest[0] = Math.max(longest[0], alias.length());
          districtsAnywhere.computeIfAbsent(alias, k -> new ArrayList<>())
              .add(new Division(pname, city.name(), full));
        });
      }
    });
    Map<String, Province> provinces = provinceLookup.build();
    provinces.keySet().forEach(alias -> longest[0] = Math.max(longest[0], alias.length()));
    citiesAnywhere.replaceAll((k, v) -> List.copyOf(v));
    districtsAnywhere.replaceAll((k, v) -> List.copyOf(v));
    return new Divisions(provinces, Map.copyOf(citiesAnywhere), Map.copyOf(districtsAnywhere), longest[0],
        List.copyOf(provinceNames.values()), cityList);
  }
}
