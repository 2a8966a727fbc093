package org.parcelveil.web.pages;

import java.util.List;

/**
 * Why an uploaded file was refused as a whole: a message key and its arguments, which are numbers and field names
 * only, never a value from the file.
 */
public record ImportProblem(String key, List<Object> args) {
  static ImportProblem of(String key, Object... args) {
    return new ImportProblem(key, List.of(args));
  }

  /** Thrown where a file stops being readable; the import turns it into its result. */
  static final class Refused extends RuntimeException {
    final transient ImportProblem problem;

    Refused(ImportProblem problem) {
      super(problem.key(), null, false, false);
      this.problem = problem;
    }
  }
}
