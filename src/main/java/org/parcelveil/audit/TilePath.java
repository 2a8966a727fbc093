package org.parcelveil.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A C2SP tlog-tiles resource path below {@code tile/}: {@code <L>/<N>[.p/<W>]} for hash tiles and {@code
 * entries/<N>[.p/<W>]} for entry bundles, {@code <N>} written in 3-digit groups of which all but the last start with
 * {@code x} (1234067 is {@code x001/x234/067}). Only the canonical spelling parses.
 *
 * @param level the tile level (0 to 63), or {@link #ENTRIES} for an entry bundle
 * @param width the number of hashes or entries: {@link #FULL} for a full tile, 1 to 255 for a partial one
 */
record TilePath(int level, long index, int width) {
  static final int ENTRIES = -1;
  static final int FULL = 256;
  static final int HEIGHT = 8;

  TilePath {
    if (level < ENTRIES || level > 63 || index < 0 || width < 1 || width > FULL) {
      throw new IllegalArgumentException("not a tile: level " + level + " index " + index + " width " + width);
    }
  }

  boolean isEntries() {
    return level == ENTRIES;
  }

  boolean isFull() {
    return width == FULL;
  }

  /** The tree level of the hashes this tile holds: 8 per tile level. */
  int treeLevel() {
    return isEntries() ? 0 : level * HEIGHT;
  }

  /** The path, e.g. {@code 0/x001/234.p/5} or {@code entries/000}. */
  String path() {
    StringBuilder sb = new StringBuilder(isEntries() ? "entries" : Integer.toString(level)).append('/');
    List<String> groups = new ArrayList<>();
    long n = index;
    do {
      groups.add(0, String.format("%03d", n % 1000));
      n /= 1000;
    } while (n > 0);
    for (int i = 0; i < groups.size(); i++) {
      sb.append(i < groups.size() - 1 ? "x" : "").append(groups.get(i)).append(i < groups.size() - 1 ? "/" : "");
    }
    if (!isFull()) {
      sb.append(".p/").append(width);
    }
    return sb.toString();
  }

  /** Parses a path below {@code tile/}; throws IllegalArgumentException unless it is canonical. */
  static TilePath parse(String path) {
    if (path.length() > 100) {
      throw new IllegalArgumentException("the tile path is too long");
    }
    String head = path;
    int width = FULL;
    int partial = path.indexOf(".p/");
    if (partial >= 0) {
      head = path.substring(0, partial);
      width = parseDecimal(path.substring(partial + 3), 255);
    }
    String[] parts = head.split("/", -1);
    if (parts.length < 2) {
      throw new IllegalArgumentException("a tile path has a level and an index");
    }
    int level = parts[0].equals("entries") ? ENTRIES : parseDecimal(parts[0], 63);
    long index = 0;
    for (int i = 1; i < parts.length; i++) {
      String group = parts[i];
      boolean last = i == parts.length - 1;
      if (!last && !group.startsWith("x")) {
        throw new IllegalArgumentException("all but the last group of a tile index start with x");
      }
      String digits = last ? group : group.substring(1);
      if (!digits.matches("[0-9]{3}")) {
        throw new IllegalArgumentException("a tile index group has three digits");
      }
      if (index > (Long.MAX_VALUE - 999) / 1000) {
        throw new IllegalArgumentException("the tile index is too large");
      }
      index = index * 1000 + Integer.parseInt(digits);
    }
    TilePath tile = new TilePath(level, index, width);
    if (!tile.path().equals(path)) {
      throw new IllegalArgumentException("the tile path is not in canonical form");
    }
    return tile;
  }

  private static int parseDecimal(String s, int max) {
    if (!s.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(s) > max) {
      throw new IllegalArgumentException("expected a number from 0 to " + max + " without leading zeros");
    }
    return Integer.parseInt(s);
  }
}
