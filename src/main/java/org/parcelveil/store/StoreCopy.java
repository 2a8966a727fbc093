package org.parcelveil.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Copies every row of a store's tables into another store of the same or a later schema, table by table and column
 * by column name: the upgrade from an older release's store and the online backup both use it. The target's tables
 * are emptied first (migrations seed a few rows); tables the source lacks stay empty, columns it lacks keep their
 * defaults, and columns the target lacks are not copied. The schema has no sequences, identities or foreign keys, so rows can go in any order.
 */
public final class StoreCopy {
  private static final int BATCH = 500;

  private StoreCopy() {}

  /** The number of rows copied from {@code source}'s {@code sourceSchema} into {@code target}'s {@code targetSchema}. */
  public static long copy(Connection source, String sourceSchema, Connection target, String targetSchema)
      throws SQLException {
    long rows = 0;
    for (String table : tables(target, targetSchema)) {
      String sourceTable = find(source, sourceSchema, table);
      try (Statement s = target.createStatement()) {
        s.executeUpdate("DELETE FROM " + targetSchema + "." + table);
      }
      if (sourceTable != null) {
        rows += copyTable(source, qualified(sourceSchema, sourceTable), target, targetSchema + "." + table,
            columns(target, targetSchema, table));
      }
    }
    return rows;
  }

  private static long copyTable(Connection source, String from, Connection target, String to,
      java.util.Set<String> targetColumns) throws SQLException {
    long rows = 0;
    try (Statement read = source.createStatement()) {
      read.setFetchSize(BATCH);
      try (ResultSet rs = read.executeQuery("SELECT * FROM " + from)) {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          String column = meta.getColumnName(i).toLowerCase(Locale.ROOT);
          if (targetColumns.contains(column)) {
            columns.add(column);
            positions.add(i);
          }
        }
        int n = columns.size();
        String insert = "INSERT INTO " + to + " (" + String.join(", ", columns) + ") VALUES ("
            + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
        try (PreparedStatement ps = target.prepareStatement(insert)) {
          while (rs.next()) {
            for (int i = 0; i < n; i++) {
              ps.setObject(i + 1, rs.getObject(positions.get(i)));
            }
            ps.addBatch();
            if (++rows % BATCH == 0) {
              ps.executeBatch();
            }
          }
          ps.executeBatch();
        }
      }
    }
    return rows;
  }

  private static List<String> tables(Connection c, String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME");
        if (!name.equalsIgnoreCase("pv_schema_history")) {
          tables.add(name.toLowerCase(Locale.ROOT));
        }
      }
    }
    return tables;
  }

  private static java.util.Set<String> columns(Connection c, String schema, String table) throws SQLException {
    java.util.Set<String> columns = new java.util.HashSet<>();
    try (ResultSet rs = c.getMetaData().getColumns(null, schema, find(c, schema, table), "%")) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return columns;
  }

  /** The source's own spelling of {@code table} (H2 keeps unquoted names in upper case), or null. */
  private static String find(Connection c, String schema, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(null, schema, null, new String[] {"TABLE", "BASE TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME");
        if (name.equalsIgnoreCase(table)) {
          return name;
        }
      }
    }
    return null;
  }

  private static String qualified(String schema, String table) {
    return "\"" + schema + "\".\"" + table + "\"";
  }
}
