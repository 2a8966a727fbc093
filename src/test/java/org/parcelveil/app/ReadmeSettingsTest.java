package org.parcelveil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's settings tables list exactly the declared settings, with the same defaults. */
class ReadmeSettingsTest {

  @Test
  void readmeSettingsTable_matchesTheCatalog() throws Exception {
    Map<String, String> documented = documented(Files.readString(Path.of("README.md")));
    Map<String, String> declared = new LinkedHashMap<>();
    SettingsCatalog.ALL.forEach(s -> declared.put(s.name(), s.defaultText()));
    assertThat(documented)
        .as("README.md ## Settings should list (rows to paste):%n%s", rows())
        .containsExactlyInAnyOrderEntriesOf(declared);
  }

  /** Rows {@code | `name` | `default` | what |} of every table under "## Settings", up to the next section. */
  static Map<String, String> documented(String readme) {
    int start = readme.indexOf("\n## Settings\n");
    assertThat(start).as("README has a ## Settings section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|");
      String previous = rows.put(unquote(cells[1]), unquote(cells[2]));
      assertThat(previous).as("listed twice: " + cells[1]).isNull();
    }
    return rows;
  }

  private static String unquote(String cell) {
    String t = cell.strip();
    return t.startsWith("`") && t.endsWith("`") ? t.substring(1, t.length() - 1) : t;
  }

  private static String rows() {
    return SettingsCatalog.ALL.stream().map(s -> "| `" + s.name() + "` | "
        + (s.defaultText().equals("unset") || s.defaultText().contains(" ") ? s.defaultText()
        : "`" + s.defaultText() + "`") + " | " + (s.secret() ? "Secret: environment or file only. " : "")
        + s.description() + " |").collect(Collectors.joining("\n"));
  }
}
