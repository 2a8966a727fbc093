package org.parcelveil.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What Linux's {@code /proc} says about a set of processes: their resident memory and the sockets they listen on. */
final class ProcessFacts {
  private ProcessFacts() {}

  /** Resident set size in KiB ({@code VmRSS}): shared pages are counted in every process that maps them. */
  static long rssKib(long pid) {
    return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
  }

  /** Proportional set size in KiB ({@code Pss}): each shared page divided among the processes that map it. */
  static long pssKib(long pid) {
    return field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
  }

  private static long field(Path file, String name) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended
    }
    return 0;
  }

  /**
   * The network sockets that {@code pids} own and that accept traffic: TCP in state LISTEN and bound UDP sockets,
   * as {@code tcp :5432}; Unix sockets in state LISTEN as {@code unix PATH}.
   */
  static List<String> listeners(Collection<Long> pids) {
    Set<String> inodes = new HashSet<>();
    for (long pid : pids) {
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
        for (Path fd : fds) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring(8, target.length() - 1));
            }
          } catch (IOException closed) {
            // closed while we looked
          }
        }
      } catch (IOException gone) {
        // the process ended
      }
    }
    List<String> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    for (String proto : List.of("tcp", "tcp6", "udp", "udp6")) {
      for (String[] f : table(Path.of("/proc", Long.toString(self), "net", proto))) {
        boolean accepting = proto.startsWith("udp") || f[3].equals("0A");
        if (accepting && f.length > 9 && inodes.contains(f[9])) {
          found.add(proto + " :" + Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
        }
      }
    }
    for (String[] f : table(Path.of("/proc", Long.toString(self), "net", "unix"))) {
      boolean listening = f.length > 7 && (Integer.parseInt(f[3], 16) & 0x10000) != 0;
      if (listening && inodes.contains(f[6])) {
        found.add("unix " + f[7]);
      }
    }
    return found;
  }

  private static List<String[]> table(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.subList(1, lines.size()).stream().map(l -> l.trim().split("\\s+")).toList();
    } catch (IOException absent) {
      return List.of();
    }
  }
}
