package org.parcelveil.web;

import org.jspecify.annotations.Nullable;

/**
 * One refused field of a console form: the input it belongs to (null when the form has no such input), its label and
 * what is wrong, all in the page's language and never holding the value typed.
 */
public record FieldProblem(@Nullable String inputId, String label, String text) {
  /** The id of the message shown beside the input, for its {@code aria-describedby}. */
  public String messageId() {
    return inputId + "-error";
  }
}
