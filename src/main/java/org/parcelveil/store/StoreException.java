package org.parcelveil.store;

/**
 * The database could not do what was asked (unreachable, timed out, failed). The HTTP layer answers 503: the
 * request may be retried; unless the database refused the statement itself ({@link #unsupported()}), which no retry
 * mends. The message never carries row values.
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

  /**
   * True if the database refused the statement itself rather than failing to run it: SQL state class 0A "feature not
   * supported" (what Citus answers for SQL it cannot distribute, e.g. a sub-select in {@code INSERT ... VALUES} on a
   * distributed table), class 42 (a statement naming a missing table or column, or otherwise malformed) or XX000
   * "internal error" (Citus's planner raises several of its refusals so). Retrying cannot help: it is a defect.
   */
  public boolean unsupported() {
    String state = sqlState();
    return state != null && (state.startsWith("0A") || state.startsWith("42") || state.equals("XX000"));
  }

  /** The SQL state of the database's failure, if it gave one: safe to log, it carries no values. */
  public String sqlState() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}
