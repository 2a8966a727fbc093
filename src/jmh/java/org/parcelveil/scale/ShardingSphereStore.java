package org.parcelveil.scale;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.parcelveil.store.DatabaseSettings;

/**
 * Shipments sharded by an existing engine, Apache ShardingSphere-JDBC: one logical {@code shipments} table over the
 * shard databases, split by the waybill's hash modulo the number of shards, under the service's unchanged
 * repository code. The engine is on the classpath only with {@code -Pscale}, so it is reached through its
 * documented YAML factory by name rather than compiled against.
 */
final class ShardingSphereStore {
  private static final String FACTORY =
      "org.apache.shardingsphere.driver.api.yaml.YamlShardingSphereDataSourceFactory";

  private ShardingSphereStore() {}

  /** True when the engine is on the classpath (the {@code scale} Maven profile). */
  static boolean available() {
    try {
      Class.forName(FACTORY);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static ShipmentStore open(List<DatabaseSettings> shards, int poolPerShard, Supplier<List<Long>> counts)
      throws Exception {
    Path yaml = Files.createTempFile("pv-sharding-", ".yaml");
    Files.writeString(yaml, yaml(shards, poolPerShard));
    DataSource ds = create(yaml.toFile());
    return new RepositoryStore(shards.size() + " shards, ShardingSphere-JDBC", ds, counts, () -> {
      if (ds instanceof AutoCloseable c) {
        c.close();
      }
      Files.deleteIfExists(yaml);
    });
  }

  static String yaml(List<DatabaseSettings> shards, int poolPerShard) {
    StringBuilder y = new StringBuilder("databaseName: parcelveil\ndataSources:\n");
    for (int i = 0; i < shards.size(); i++) {
      DatabaseSettings s = shards.get(i);
      y.append("  ds_").append(i).append(":\n")
          .append("    dataSourceClassName: com.zaxxer.hikari.HikariDataSource\n")
          .append("    driverClassName: org.postgresql.Driver\n")
          // The service's own pool sets this too (store/Database): batched INSERTs are rewritten to multi-row ones.
          .append("    jdbcUrl: ").append(s.url()).append(s.url().contains("?") ? "&" : "?")
          .append("reWriteBatchedInserts=true\n")
          .append("    username: ").append(s.user()).append('\n')
          .append("    password: '").append(s.password()).append("'\n")
          .append("    maximumPoolSize: ").append(poolPerShard).append('\n');
    }
    return y.append("rules:\n")
        .append("- !SHARDING\n")
        .append("  tables:\n")
        .append(table("shipments", shards.size()))
        .append(table("shipment_events", shards.size()))
        // A shipment's events live beside it: joins and the scan transaction stay on one shard.
        .append("  bindingTables:\n")
        .append("    - shipments,shipment_events\n")
        .append("  shardingAlgorithms:\n")
        .append("    waybill_hash:\n")
        // HASH_MOD is an "auto" algorithm, for tables the engine creates and names itself (shipments_0, ...); the
        // service's migrations create one plain shipments table per database, which takes an inline expression.
        .append("      type: INLINE\n")
        .append("      props:\n")
        .append("        algorithm-expression: ds_${Math.abs(waybill.hashCode() % ").append(shards.size())
        .append(")}\n")
        .append("props:\n")
        .append("  sql-show: false\n")
        .toString();
  }

  private static String table(String name, int shards) {
    return "    " + name + ":\n"
        + "      actualDataNodes: ds_${0.." + (shards - 1) + "}." + name + "\n"
        + "      databaseStrategy:\n"
        + "        standard:\n"
        + "          shardingColumn: waybill\n"
        + "          shardingAlgorithmName: waybill_hash\n";
  }

  private static DataSource create(File yaml) throws Exception {
    try {
      return (DataSource) Class.forName(FACTORY).getMethod("createDataSource", File.class).invoke(null, yaml);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (ClassNotFoundException e) {
      throw new IOException("ShardingSphere-JDBC is not on the classpath: run with -Pscale (bench/scale does)", e);
    }
  }
}
