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
 * Copies every row of a store's tables into another store with the same schema, table by table and column by
 * column name: the upgrade from an older release's store and the online backup both use it. The target's tables are
 * emptied first (migrations seed a few rows); tables the source lacks stay empty, columns it lacks keep their
 * defaults. The schema has no sequences, identities or foreign keys, so rows can go in any order.
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
        rows += copyTable(source, qualified(sourceSchema, sourceTable), target, targetSchema + "." + table);
      }
    }
    return rows;
  }

  private static long copyTable(Connection source, String from, Connection target, String to) throws SQLException {
    long rows = 0;
    try (Statement read = source.createStatement()) {
      read.setFetchSize(BATCH);
      try (ResultSet rs = read.executeQuery("SELECT * FROM " + from)) {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
        }
        String insert = "INSERT INTO " + to + " (" + String.join(", ", columns) + ") VALUES ("
            + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
        try (PreparedStatement ps = target.prepareStatement(insert)) {
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              ps.setObject(i, rs.getObject(i));
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
    try (ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME");
        if (!name.equalsIgnoreCase("pv_schema_history")) {
          tables.add(name.toLowerCase(Locale.ROOT));
        }
      }
    }
    return tables;
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
