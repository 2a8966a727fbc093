package org.parcelveil.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Searches every file of a data directory, byte by byte, for the markers of {@link WideRows}: where erased values
 * survive, and (as the control that the search sees the data at all) how many of the live rows' markers it finds.
 */
final class MarkerScan {
  private static final byte[] PREFIX = WideRows.MARKER_PREFIX.getBytes(StandardCharsets.US_ASCII);

  /** Per file (relative to the directory): how many distinct erased markers it holds. */
  record Result(int erasedFound, int liveFound, TreeMap<String, Integer> erasedByFile) {}

  private MarkerScan() {}

  static Result scan(Path dir, Set<String> erased, Set<String> live) throws IOException {
    Set<String> erasedAnywhere = new HashSet<>();
    Set<String> liveAnywhere = new HashSet<>();
    TreeMap<String, Integer> byFile = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
    }
    for (Path file : files) {
      Set<String> found;
      try {
        found = markersIn(file);
      } catch (NoSuchFileException gone) {
        continue; // the engine removed it while we looked
      }
      int erasedHere = 0;
      for (String m : found) {
        if (erased.contains(m)) {
          erasedAnywhere.add(m);
          erasedHere++;
        } else if (live.contains(m)) {
          liveAnywhere.add(m);
        }
      }
      if (erasedHere > 0) {
        byFile.put(dir.relativize(file).toString(), erasedHere);
      }
    }
    return new Result(erasedAnywhere.size(), liveAnywhere.size(), byFile);
  }

  /** Every marker in {@code file}, read in blocks that overlap by a marker's length. */
  static Set<String> markersIn(Path file) throws IOException {
    Set<String> found = new HashSet<>();
    int overlap = WideRows.MARKER_LENGTH - 1;
    byte[] buf = new byte[(1 << 20) + overlap];
    int carried = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (true) {
        int n = in.readNBytes(buf, carried, buf.length - carried);
        int end = carried + n;
        for (int i = 0; i + WideRows.MARKER_LENGTH <= end; i++) {
          if (buf[i] == PREFIX[0] && startsWithPrefix(buf, i)) {
            found.add(new String(buf, i, WideRows.MARKER_LENGTH, StandardCharsets.US_ASCII));
          }
        }
        if (n == 0 || end < buf.length) {
          return found;
        }
        System.arraycopy(buf, end - overlap, buf, 0, overlap);
        carried = overlap;
      }
    }
  }

  private static boolean startsWithPrefix(byte[] buf, int at) {
    for (int k = 1; k < PREFIX.length; k++) {
      if (buf[at + k] != PREFIX[k]) {
        return false;
      }
    }
    return true;
  }
}
