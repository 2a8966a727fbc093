package org.parcelveil.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a benchmark run into its results document between markers, keeping the prose around it. */
public final class ResultsSection {
  private ResultsSection() {}

  /** Replaces (or, the first time, appends) the section {@code <!-- results:name -->} of {@code doc}. */
  public static void write(Path doc, String name, String text) throws IOException {
    Files.createDirectories(doc.toAbsolutePath().getParent());
    Files.writeString(doc, replace(Files.exists(doc) ? Files.readString(doc) : "", name, text));
    System.out.println("written to " + doc);
  }

  /** The 1, 5 and 15 minute load averages, to read a run's figures by (the machines are shared). */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static String replace(String doc, String name, String text) {
    String open = "<!-- results:" + name + " -->";
    String close = "<!-- /results:" + name + " -->";
    int start = doc.indexOf(open);
    int end = doc.indexOf(close);
    String section = open + "\n" + text + close;
    if (start < 0 || end < start) {
      return doc + (doc.isEmpty() || doc.endsWith("\n") ? "" : "\n") + "\n" + section + "\n";
    }
    return doc.substring(0, start) + section + doc.substring(end + close.length());
  }
}
