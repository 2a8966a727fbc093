package org.parcelveil.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The one way features reach their tables: JDBI over the pool, with every database failure translated here into a
 * {@link StoreException} that names what could not be done (never a row's values), and a key conflict into a
 * {@link DuplicateKeyException} callers can answer. Transactions are JDBI's: the callback's work commits when it
 * returns and rolls back when it throws.
 */
public final class Sql {
  private final Jdbi jdbi;
  private final DataSource dataSource;

  private Sql(Jdbi jdbi, DataSource dataSource) {
    this.jdbi = jdbi;
    this.dataSource = dataSource;
  }

  /** A gateway over {@code dataSource}; cheap, but features keep theirs for their lifetime. */
  public static Sql over(DataSource dataSource) {
    return new Sql(Jdbi.create(dataSource), dataSource);
  }

  /** Work on one plain JDBC connection. */
  @FunctionalInterface
  public interface ConnectionWork<R> {
    R run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} on one pooled connection in auto-commit mode, without JDBI: for the few statements on the hot
   * paths (every scan, every creation), where JDBI's per-statement work (a handle, parsing, binding by name) costs
   * more than the statement itself. Failures are translated as for every other statement.
   */
  public <R> R withConnection(String failure, ConnectionWork<R> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw translate(failure, e);
    }
  }

  /** Runs {@code work} on one connection in auto-commit mode (a read, or one statement). */
  public <R> R withHandle(String failure, HandleCallback<R, RuntimeException> work) {
    try {
      return jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw translate(failure, e);
    }
  }

  public void useHandle(String failure, HandleConsumer<RuntimeException> work) {
    try {
      jdbi.useHandle(work);
    } catch (JdbiException e) {
      throw translate(failure, e);
    }
  }

  /** Runs {@code work} in one transaction (read committed, the database's default). */
  public <R> R inTransaction(String failure, HandleCallback<R, RuntimeException> work) {
    try {
      return jdbi.inTransaction(work);
    } catch (JdbiException e) {
      throw translate(failure, e);
    }
  }

  public void useTransaction(String failure, HandleConsumer<RuntimeException> work) {
    try {
      jdbi.useTransaction(work);
    } catch (JdbiException e) {
      throw translate(failure, e);
    }
  }

  /** The JDBI instance, for the few places that need its own API (streams, batches); failures are then theirs. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * The database's failure as ours. JDBI's messages quote the statement and its bound values, so only
   * {@code failure} becomes the message; the SQL state stays reachable through the cause.
   */
  public static StoreException translate(String failure, Exception e) {
    SQLException sql = sqlCause(e);
    return sql != null && Dialect.UNIQUE_VIOLATION.equals(sql.getSQLState())
        ? new DuplicateKeyException(failure, sql)
        : new StoreException(failure, sql);
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }
}
