package org.parcelveil.cli;

import java.util.Map;
import org.parcelveil.app.InvalidSettingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code parcelveil} command line. */
@Command(name = "parcelveil", mixinStandardHelpOptions = true, version = "parcelveil 0.1.0",
    description = "Privacy waybills and personal-data service for courier networks.",
    subcommands = {ServeCommand.class, AuditCommand.class, LabelCommand.class, RetentionCommand.class, BackupCommand.class,
        LeaksCommand.class, KeysCommand.class, WitnessCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(String... args) {
    return run(System.getenv(), args);
  }

  /** Runs the command line with {@code env} as its environment. */
  public static int run(Map<String, String> env, String... args) {
    return commandLine(env).execute(args);
  }

  /**
   * The command line, every command that works on the store given the settings of {@code SettingsCatalog}. Settings
   * are resolved and checked before a command runs: a bad one stops it with one line naming it and exit code 2.
   */
  static CommandLine commandLine(Map<String, String> env) {
    CommandLine cmd = new CommandLine(new Main());
    addSettings(cmd, env);
    CommandLine.IParameterExceptionHandler usage = cmd.getParameterExceptionHandler();
    cmd.setParameterExceptionHandler((e, args) -> {
      if (!(e instanceof SettingException)) {
        return usage.handleParseException(e, args);
      }
      e.getCommandLine().getErr().println("parcelveil: " + e.getMessage());
      return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
    });
    cmd.setExecutionStrategy(parsed -> {
      Integer help = CommandLine.executeHelpRequest(parsed);
      if (help != null) {
        return help;
      }
      CommandLine last = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
      StoreOptions store = storeOptions(last.getCommandSpec());
      if (store != null) {
        try {
          store.settings();
        } catch (InvalidSettingException e) {
          throw new SettingException(last, e.getMessage());
        }
      }
      return new CommandLine.RunLast().execute(parsed);
    });
    cmd.setExecutionExceptionHandler(new Failures());
    return cmd;
  }

  private static void addSettings(CommandLine cmd, Map<String, String> env) {
    StoreOptions store = storeOptions(cmd.getCommandSpec());
    if (store != null) {
      store.bind(SettingSources.addTo(cmd.getCommandSpec(), env));
    }
    cmd.getSubcommands().values().forEach(sub -> addSettings(sub, env));
  }

  private static StoreOptions storeOptions(CommandSpec spec) {
    return spec.mixins().values().stream().map(CommandSpec::userObject).filter(StoreOptions.class::isInstance)
        .map(StoreOptions.class::cast).findFirst().orElse(null);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
