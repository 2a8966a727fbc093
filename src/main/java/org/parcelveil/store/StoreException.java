package org.parcelveil.store;

/**
 * The database could not do what was asked (unreachable, timed out, failed). The HTTP layer answers 503: the
 * request may be retried. The message never carries row values.
 */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * True if the database refused a value itself (SQL state class 22, "data exception": a character it cannot store,
   * a number out of range, a string too long): the request's input was at fault, not the database's availability.
   */
  public boolean valueRefused() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
        return true;
      }
    }
    return false;
  }
}
