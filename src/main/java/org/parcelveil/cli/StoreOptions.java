package org.parcelveil.cli;

import java.util.HashMap;
import java.util.Map;
import org.parcelveil.app.Settings;
import org.parcelveil.app.SettingsCatalog;
import picocli.CommandLine.Command;

/**
 * The settings every command takes (the data directory, the database, keys, and the rest of
 * {@link SettingsCatalog}), so every command works on the same data. Their options are added by {@link Main}.
 */
@Command
final class StoreOptions {
  private SettingSources sources;
  private SettingsCatalog.Resolved resolved;

  void bind(SettingSources s) {
    this.sources = s;
  }

  /** The settings the flags, environment and config file give; resolved once, refused with the setting named. */
  Settings settings() {
    return resolved().settings();
  }

  /** The environment the service reads its keys and tokens from, with those given in the config file. */
  Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(sources.environment());
    env.putAll(resolved().environment());
    return env;
  }

  private SettingsCatalog.Resolved resolved() {
    if (resolved == null) {
      resolved = SettingsCatalog.resolve(sources::value);
    }
    return resolved;
  }
}
