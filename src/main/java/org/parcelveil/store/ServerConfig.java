package org.parcelveil.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The embedded server's settings, each with the reason it is set. Passed on the command line, never edited in files. */
final class ServerConfig {
  private ServerConfig() {}

  static List<String> arguments(Path socketDir, EmbeddedPostgres.Mode mode) {
    boolean durable = mode == EmbeddedPostgres.Mode.DURABLE;
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    // Private: no TCP listener at all; the socket's directory is 0700 and the socket itself 0700.
    settings.put("listen_addresses", "");
    settings.put("unix_socket_directories", socketDir.toString());
    settings.put("unix_socket_permissions", "0700");
    // Durable: a commit is fsynced to the write-ahead log before the client hears of it.
    settings.put("fsync", durable ? "on" : "off");
    settings.put("synchronous_commit", durable ? "on" : "off");
    settings.put("full_page_writes", durable ? "on" : "off");
    // Erasing: old WAL segments are deleted rather than renamed for reuse (a recycled segment keeps its old bytes
    // until overwritten), new ones are zero-filled, and no segment is kept for replicas or archives.
    settings.put("wal_level", "minimal");
    settings.put("max_wal_senders", "0");
    settings.put("archive_mode", "off");
    settings.put("wal_recycle", "off");
    settings.put("wal_init_zero", "on");
    settings.put("wal_keep_size", "0");
    settings.put("min_wal_size", "32MB");
    settings.put("max_wal_size", "256MB");
    // Bounded and small: a depot's store, not a database server's.
    settings.put("shared_buffers", "64MB");
    settings.put("max_connections", "120");
    settings.put("max_prepared_transactions", "0");
    // Logs carry no personal data: no statements, no DETAIL lines (a unique violation would print the key), no
    // parameters on errors.
    settings.put("log_destination", "stderr");
    settings.put("logging_collector", "off");
    settings.put("log_min_messages", "warning");
    settings.put("log_min_error_statement", "panic");
    settings.put("log_error_verbosity", "terse");
    settings.put("log_parameter_max_length_on_error", "0");
    settings.put("log_statement", "none");
    settings.put("log_checkpoints", "off");
    settings.put("log_connections", "off");
    settings.put("log_autovacuum_min_duration", "-1");
    settings.put("timezone", "UTC");
    List<String> args = new ArrayList<>();
    settings.forEach((name, value) -> {
      args.add("-c");
      args.add(name + "=" + value);
    });
    return args;
  }
}
