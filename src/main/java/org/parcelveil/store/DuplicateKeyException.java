package org.parcelveil.store;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;

/** A row with the same key exists already; the transaction that tried to add it was rolled back. */
public final class DuplicateKeyException extends StoreException {
  private final transient String constraint;

  public DuplicateKeyException(String message, SQLException cause) {
    super(message, cause);
    this.constraint = cause instanceof PSQLException p && p.getServerErrorMessage() != null
        ? p.getServerErrorMessage().getConstraint() : null;
  }

  /** The name of the unique constraint or index that refused the row, when the database said it. */
  public Optional<String> constraint() {
    return Optional.ofNullable(constraint);
  }
}
