package org.parcelveil.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.parcelveil.app.Setting;
import org.parcelveil.app.SettingsCatalog;
import org.parcelveil.app.SettingsCatalog.Value;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where a command's settings come from: a flag, else {@code PARCELVEIL_<NAME>} in the environment, else the key
 * {@code <name>} of the {@code --config} properties file, else the one default of {@link SettingsCatalog}. Builds
 * the command's options from the catalog and is their default-value provider, so picocli fills every option that
 * was not given on the command line from the environment or the file.
 */
final class SettingSources implements CommandLine.IDefaultValueProvider {
  static final String CONFIG_FLAG = "--config";
  static final String CONFIG_ENV = "PARCELVEIL_CONFIG";
  private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.OTHERS_READ);

  private final CommandSpec spec;
  private final Map<String, String> env;
  private final Map<String, String> sources = new HashMap<>();
  private Properties file;
  private Path filePath;

  private SettingSources(CommandSpec spec, Map<String, String> env) {
    this.spec = spec;
    this.env = env;
  }

  /** Adds {@code --config} and an option for every setting but the secrets to {@code spec}. */
  static SettingSources addTo(CommandSpec spec, Map<String, String> env) {
    SettingSources sources = new SettingSources(spec, env);
    spec.addOption(OptionSpec.builder(CONFIG_FLAG).paramLabel("FILE").type(Path.class)
        .description("Java properties file with settings by name, e.g. port=8080 (or " + CONFIG_ENV + ").").build());
    StringBuilder secrets = new StringBuilder();
    for (Setting s : SettingsCatalog.ALL) {
      if (s.secret()) {
        secrets.append("%n  ").append(s.env()).append(" (").append(s.name()).append(" in the file)");
        continue;
      }
      OptionSpec.Builder option = OptionSpec.builder(s.flag()).paramLabel(s.label())
          .description(escape(s.description() + " Default: " + s.defaultText() + "."));
      if (s.repeatable()) {
        // Given several times on the command line; from the environment or the file, one value of words.
        option.type(String[].class).auxiliaryTypes(String.class).arity("1").splitRegex("\\s+");
      } else {
        option.type(String.class);
      }
      spec.addOption(option.build());
    }
    spec.usageMessage().footer("%nEvery option is also read from PARCELVEIL_<NAME> (e.g. PARCELVEIL_PORT) and from "
        + "<name> in the --config file; a flag wins over the environment, the environment over the file.%n"
        + "Secrets, from the environment or the --config file only, never printed:" + secrets + "%n");
    spec.defaultValueProvider(sources);
    return sources;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    if (option.longestName().equals(CONFIG_FLAG)) {
      return fromEnv(CONFIG_ENV);
    }
    return SettingsCatalog.named(option.longestName().substring(2)).flatMap(this::lookup).map(v -> {
      sources.put(option.longestName(), v.source());
      return v.text();
    }).orElse(null);
  }

  /** A setting's value and its source, by precedence; empty for the default. */
  Optional<Value> value(Setting s) {
    if (s.secret()) {
      return lookup(s);
    }
    OptionSpec option = spec.findOption(s.flag());
    Object given = option.getValue();
    String text = given instanceof String[] many ? (many.length == 0 ? null : String.join(" ", many)) : (String) given;
    if (text == null) {
      return Optional.empty();
    }
    return Optional.of(new Value(text, sources.getOrDefault(s.flag(), s.flag())));
  }

  /** The environment as given, for what the service reads there itself. */
  Map<String, String> environment() {
    return env;
  }

  private Optional<Value> lookup(Setting s) {
    String fromEnv = fromEnv(s.env());
    if (fromEnv != null) {
      return Optional.of(new Value(fromEnv, s.env()));
    }
    Properties props = file();
    String fromFile = props.getProperty(s.name());
    return fromFile == null ? Optional.empty() : Optional.of(new Value(fromFile, filePath + " (" + s.name() + ")"));
  }

  private String fromEnv(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  /** The config file, read once: unknown names and a secret others can read are refused, not ignored. */
  private Properties file() {
    if (file != null) {
      return file;
    }
    OptionSpec option = spec.findOption(CONFIG_FLAG);
    Path path = option.getValue() != null ? option.getValue() : Optional.ofNullable(fromEnv(CONFIG_ENV)).map(Path::of)
        .orElse(null);
    Properties props = new Properties();
    if (path != null) {
      try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (NoSuchFileException e) {
        throw new SettingException(spec.commandLine(), "config file " + path + " does not exist");
      } catch (IOException | IllegalArgumentException e) {
        throw new SettingException(spec.commandLine(), "cannot read config file " + path + ": " + e.getMessage());
      }
      String unknown = props.stringPropertyNames().stream().filter(n -> SettingsCatalog.named(n).isEmpty()).sorted()
          .collect(Collectors.joining(", "));
      if (!unknown.isEmpty()) {
        throw new SettingException(spec.commandLine(), "config file " + path + " names no such setting: " + unknown
            + " (see --help)");
      }
      boolean holdsSecret = SettingsCatalog.ALL.stream().anyMatch(s -> s.secret() && props.containsKey(s.name()));
      if (holdsSecret && readableByOthers(path)) {
        throw new SettingException(spec.commandLine(), "config file " + path
            + " holds a secret and others can read it: chmod 600 it");
      }
    }
    filePath = path;
    file = props;
    return props;
  }

  private static boolean readableByOthers(Path path) {
    try {
      return Files.getPosixFilePermissions(path).stream().anyMatch(OTHERS::contains);
    } catch (UnsupportedOperationException | IOException e) {
      return false;
    }
  }

  /** Help texts are format strings. */
  private static String escape(String text) {
    return text.replace("%", "%%");
  }
}
