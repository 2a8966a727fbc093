package org.parcelveil.app;

import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One setting of the service, declared once in {@link SettingsCatalog}: its name gives the flag {@code --NAME}, the
 * environment variable {@code PARCELVEIL_NAME} and the key {@code NAME} in the {@code --config} file.
 *
 * @param name lower-case words joined by {@code -}
 * @param label what the value is, for help ({@code N}, {@code URL}, {@code DURATION}, ...)
 * @param description one sentence, for help and the README
 * @param secret a secret is read from the environment or the config file only, never from a flag (a command line
 *     is visible to every user of the machine), and never shown
 * @param shown the value of this setting in given settings, as text; applied to the defaults it is the default
 * @param apply the settings with this setting's text applied (parsed and validated), or null for a value passed to
 *     the service in its environment under {@link #env()} (keys and tokens the service reads there)
 * @param repeatable the flag may be given several times; its values reach {@code apply} as one text, separated by
 *     spaces, which is also how the environment and the file write several values
 */
public record Setting(String name, String label, String description, boolean secret, Function<Settings, String> shown,
    @Nullable BiFunction<Settings, String, Settings> apply, boolean repeatable) {

  public Setting {
    if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("setting names are lower-case words joined by '-', was " + name);
    }
  }

  /** A setting given once. */
  public Setting(String name, String label, String description, boolean secret, Function<Settings, String> shown,
      @Nullable BiFunction<Settings, String, Settings> apply) {
    this(name, label, description, secret, shown, apply, false);
  }

  public String flag() {
    return "--" + name;
  }

  public String env() {
    return "PARCELVEIL_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The one default, as text. */
  public String defaultText() {
    return shown.apply(Settings.defaults());
  }

  /** True for a value the service reads from its environment rather than from {@link Settings}. */
  public boolean passedInEnvironment() {
    return apply == null;
  }
}
