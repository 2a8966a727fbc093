package org.parcelveil.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the pool that a statement refused with SQL state 0A000 ("feature not supported") leaves its connection
 * healthy. HikariCP counts 0A000 among the states of a broken connection and closes it at once, so the caller's own
 * rollback then fails with "connection closed" (08003) and that failure, which looks like an outage, replaces the
 * refusal. PostgreSQL and Citus raise 0A000 for one statement (Citus for SQL it cannot distribute); the session and
 * its transaction stay usable, and the refusal must reach the caller as what it is.
 */
public final class RefusalKeepsConnection implements SQLExceptionOverride {
  private static final String FEATURE_NOT_SUPPORTED = "0A000";

  @java.lang.Override
  public Override adjudicate(SQLException e) {
    return FEATURE_NOT_SUPPORTED.equals(e.getSQLState()) ? Override.DO_NOT_EVICT : Override.CONTINUE_EVICT;
  }
}
