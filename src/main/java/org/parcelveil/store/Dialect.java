package org.parcelveil.store;

/** The SQL states the code tells apart (PostgreSQL's, shared by Citus). */
public final class Dialect {
  /** SQL state of a unique-constraint violation. */
  public static final String UNIQUE_VIOLATION = "23505";

  private Dialect() {}
}
