package org.parcelveil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parcelveil} command line. */
@Command(name = "parcelveil", mixinStandardHelpOptions = true, version = "parcelveil 0.1.0",
    description = "Privacy waybills and personal-data service for courier networks.",
    subcommands = {ServeCommand.class, AuditCommand.class, LabelCommand.class, RetentionCommand.class, BackupCommand.class,
        LeaksCommand.class, KeysCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main()).setExecutionExceptionHandler(new Failures()).execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
