package org.parcelveil.audit;

/** The log could not commit an entry. Whatever the entry was for must not happen. */
public final class AuditUnavailableException extends RuntimeException {
  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
