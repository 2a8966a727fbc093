package org.parcelveil.cli;

import picocli.CommandLine;

/** A setting or config file the command refuses before it starts: one line naming it, exit code 2. */
final class SettingException extends CommandLine.ParameterException {
  private static final long serialVersionUID = 1L;

  SettingException(CommandLine cmd, String message) {
    super(cmd, message);
  }
}
