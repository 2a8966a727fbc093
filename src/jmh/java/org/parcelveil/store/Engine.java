package org.parcelveil.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * One embedded database engine as {@link EngineComparison} measures it: opened on a data directory with the settings
 * it would run with in the service, reached through plain JDBC connections.
 */
interface Engine extends AutoCloseable {
  /** The engines compared, by the name the command line uses. */
  List<String> NAMES = List.of("postgres", "sqlite", "h2");

  static Engine open(String name, Path dir) {
    return switch (name) {
      case "postgres" -> PostgresEngine.open(dir);
      case "sqlite" -> SqliteEngine.open(dir);
      case "h2" -> H2Engine.open(dir);
      default -> throw new IllegalArgumentException("no engine " + name + "; one of " + NAMES);
    };
  }

  String name();

  Connection connect() throws SQLException;

  /** The column types of a shipment-wide row in this engine's dialect: {@code text} and {@code bytes}. */
  String textType();

  String bytesType();

  /** Processes other than this JVM that do the engine's work (PostgreSQL's server and its backends). */
  List<Long> serverPids();

  /** The settings that decide whether a commit is on disk when the engine says it is, as the engine reports them. */
  Map<String, String> durability(Connection c) throws SQLException;

  /** What a running service can do to make erased values physically gone from {@code table}'s files. */
  String onlineCleanup(Connection c, String table) throws SQLException;

  @Override
  void close();
}
