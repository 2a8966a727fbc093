package org.parcelveil.cli;

import org.parcelveil.keys.KeyStoreException;
import picocli.CommandLine;

/** Turns failures the operator can fix (a missing master key, an unreachable database) into one clear line. */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof KeyStoreException)) {
      cause = cause.getCause();
    }
    String message = cause instanceof KeyStoreException ? cause.getMessage() : e.getMessage();
    cmd.getErr().println("parcelveil: " + (message == null ? e.getClass().getSimpleName() : message));
    return cause instanceof KeyStoreException ? 3 : 1;
  }
}
