package org.parcelveil.store;

/** The few places where H2 and PostgreSQL differ. */
public enum Dialect {
  H2,
  POSTGRES;

  static Dialect of(DatabaseSettings settings) {
    return settings.isPostgres() ? POSTGRES : H2;
  }

  /** SQL state of a unique-constraint violation, identical on both. */
  public static final String UNIQUE_VIOLATION = "23505";
}
