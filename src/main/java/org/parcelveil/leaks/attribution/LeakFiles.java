package org.parcelveil.leaks.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.parcelveil.http.Json;

/**
 * Reads a leaked list as found: CSV with a header naming any of {@code waybill}, {@code phone}, {@code name}
 * (other columns ignored), JSON lines of {@code {waybill?, phone?, name?}}, or plain lines that each hold one
 * waybill or one phone number. Streams; never holds the file.
 */
public final class LeakFiles {
  // Digits with the usual separators: a phone number as people write it. Waybills start with letters.
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,30}");

  private LeakFiles() {}

  /** The file's records; {@code format} is {@code csv}, {@code jsonl} or {@code lines}. */
  public static Iterator<LeakRecord> read(Reader reader, String format) throws IOException {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" -> csv(reader);
      case "jsonl", "json", "ndjson" -> jsonLines(new BufferedReader(reader));
      case "lines", "txt" -> plainLines(new BufferedReader(reader));
      default -> throw new IllegalArgumentException("format must be csv, jsonl or lines");
    };
  }

  /** One waybill or phone number per line, as lists copied out of a chat or a spreadsheet column look. */
  private static Iterator<LeakRecord> plainLines(BufferedReader reader) {
    return reader.lines().map(String::strip).filter(l -> !l.isEmpty())
        .map(l -> PHONE.matcher(l).matches() ? new LeakRecord(null, l, null) : new LeakRecord(l, null, null))
        .iterator();
  }

  private static Iterator<LeakRecord> csv(Reader reader) throws IOException {
    CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
        .setTrim(true).get().parse(reader);
    Map<String, Integer> header = new java.util.HashMap<>();
    parser.getHeaderMap().forEach((k, v) -> header.put(k.strip().toLowerCase(Locale.ROOT), v));
    Iterator<CSVRecord> rows = parser.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public LeakRecord next() {
        CSVRecord r = rows.next();
        return new LeakRecord(cell(r, header.get("waybill")), cell(r, header.get("phone")), cell(r, header.get("name")));
      }
    };
  }

  private static String cell(CSVRecord r, Integer i) {
    if (i == null || i >= r.size()) {
      return null;
    }
    String v = r.get(i);
    return v == null || v.isBlank() ? null : v;
  }

  private static Iterator<LeakRecord> jsonLines(BufferedReader reader) {
    return new Iterator<>() {
      private LeakRecord next = advance();

      private LeakRecord advance() {
        try {
          String line;
          while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
              continue;
            }
            JsonNode n;
            try {
              n = Json.mapper().readTree(line);
            } catch (IOException e) {
              continue; // a broken line is skipped; it is counted as unmatched by nobody, and never echoed
            }
            if (n != null && n.isObject()) {
              return new LeakRecord(text(n, "waybill"), text(n, "phone"), text(n, "name"));
            }
          }
          return null;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public LeakRecord next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        LeakRecord r = next;
        next = advance();
        return r;
      }
    };
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
