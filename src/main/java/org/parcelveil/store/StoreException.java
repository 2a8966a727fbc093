package org.parcelveil.store;

/**
 * The database could not do what was asked (unreachable, timed out, failed). The HTTP layer answers 503: the
 * request may be retried. The message never carries row values.
 */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
