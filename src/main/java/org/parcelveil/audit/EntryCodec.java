package org.parcelveil.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The canonical bytes of an entry (docs/audit.md): a version byte, the index, the time in microseconds, the nonce,
 * then each field length-prefixed in a fixed order. One entry has exactly one encoding, so the leaf hash pins it.
 */
final class EntryCodec {
  static final byte VERSION = 0x01;
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
  private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  private EntryCodec() {}

  static byte[] encode(AuditEntry e) {
    AuditRecord r = e.record();
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    out.write(VERSION);
    writeLong(out, e.index());
    writeLong(out, e.timeMicros());
    out.writeBytes(e.nonce());
    writeString(out, r.action());
    writeString(out, r.principalId());
    writeString(out, r.principalRole());
    writeOptional(out, r.waybill());
    writeOptional(out, r.party());
    writeOptional(out, r.purpose());
    writeOptional(out, r.ticket());
    out.write(r.outcome() == AuditRecord.Outcome.ALLOWED ? 0 : 1);
    writeOptional(out, r.reason());
    return out.toByteArray();
  }

  /**
   * Rejects records the log will not take: the limits keep entries small, free of control characters and within the
   * database columns. The message names the field, never its value.
   */
  static void check(AuditRecord r) {
    if (!ACTION.matcher(r.action()).matches()) {
      throw new IllegalArgumentException("action must be a lower-case name like principal.create");
    }
    if (!ROLE.matcher(r.principalRole()).matches()) {
      throw new IllegalArgumentException("principalRole must be a lower-case role name");
    }
    text("principalId", r.principalId(), 64, true);
    text("waybill", r.waybill(), 64, false);
    text("party", r.party(), 32, false);
    text("purpose", r.purpose(), 32, false);
    text("ticket", r.ticket(), 128, false);
    text("reason", r.reason(), 200, false);
  }

  static long micros(Instant time) {
    return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
  }

  static Instant fromMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  private static void text(String field, @Nullable String value, int max, boolean required) {
    if (value == null) {
      if (required) {
        throw new IllegalArgumentException(field + " is required");
      }
      return;
    }
    if (value.isEmpty() || value.codePointCount(0, value.length()) > max) {
      throw new IllegalArgumentException(field + " must have 1 to " + max + " characters");
    }
    if (value.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE)) {
      throw new IllegalArgumentException(field + " contains characters that are not allowed");
    }
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift));
    }
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > 0xFFFF) {
      throw new IllegalArgumentException("a field is longer than 65535 bytes");
    }
    out.write(utf8.length >>> 8);
    out.write(utf8.length);
    out.writeBytes(utf8);
  }

  private static void writeOptional(ByteArrayOutputStream out, @Nullable String s) {
    if (s == null) {
      out.write(0);
    } else {
      out.write(1);
      writeString(out, s);
    }
  }
}
