package org.parcelveil.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a running PostgreSQL server says of itself in {@code postmaster.pid}: its process id (line 1), its socket
 * directory (line 5) and its state (line 8: {@code starting}, {@code ready}, {@code stopping}).
 */
record PostmasterPid(long pid, Optional<Path> socketDir, String status) {

  static Optional<PostmasterPid> read(Path cluster) {
    List<String> lines;
    try {
      lines = Files.readAllLines(cluster.resolve("postmaster.pid"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(lines.get(0).trim());
      Optional<Path> socket = lines.size() > 4 && !lines.get(4).isBlank()
          ? Optional.of(Path.of(lines.get(4).trim())) : Optional.empty();
      String status = lines.size() > 7 ? lines.get(7).trim() : "starting";
      return Optional.of(new PostmasterPid(pid, socket, status));
    } catch (NumberFormatException partial) {
      return Optional.empty(); // being written
    }
  }

  boolean alive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  boolean ready() {
    return status.equals("ready");
  }
}
