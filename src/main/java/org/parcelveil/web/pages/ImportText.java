package org.parcelveil.web.pages;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The text of an uploaded file, decoded strictly: UTF-8 (with or without a byte order mark) or GB18030 (which
 * includes GBK and GB2312, what Excel saves on Chinese Windows), detected or chosen. A byte that does not decode is
 * never replaced: the file is refused at that byte's line and column, so a wrong guess cannot store garbled text.
 */
final class ImportText {
  static final Charset GB18030 = Charset.forName("GB18030");
  /**
   * How many well-formed UTF-8 characters of three or more bytes (Chinese text) before UTF-8's first bad byte make
   * the file UTF-8 with a broken byte rather than GB18030. GBK text very rarely forms one such character by chance,
   * let alone four; a UTF-8 file broken this early and still valid GB18030 is caught by the address checks.
   */
  static final int UTF8_EVIDENCE = 4;
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private ImportText() {}

  /** What the merchant chose in the form: detection, or one encoding. */
  enum Choice {
    AUTO, UTF8, GB18030;

    /** The form's value ({@code auto}, {@code utf-8}, {@code gb18030}); anything else is detection. */
    static Choice of(String formValue) {
      String v = formValue == null ? "" : formValue.trim().toLowerCase(Locale.ROOT);
      return switch (v) {
        case "utf-8", "utf8" -> UTF8;
        case "gb18030", "gbk", "gb2312" -> GB18030;
        default -> AUTO;
      };
    }
  }

  /** Where a file stopped decoding: 1-based line, character column and byte within the line, and the encoding. */
  record Undecodable(long line, long column, long byteInLine, String encoding) {}

  /** The decoded text, or where it could not be decoded. */
  record Decoded(String text, Charset charset, Undecodable error) {
    boolean ok() {
      return error == null;
    }
  }

  static Decoded decode(byte[] file, Choice choice) {
    int start = startsWith(file, UTF8_BOM) ? UTF8_BOM.length : 0;
    // A byte order mark says UTF-8 whatever was chosen: Excel's "CSV UTF-8" writes one.
    if (start > 0 || choice == Choice.UTF8) {
      return strict(file, start, StandardCharsets.UTF_8);
    }
    if (choice == Choice.GB18030) {
      return strict(file, 0, GB18030);
    }
    Decoded utf8 = strict(file, 0, StandardCharsets.UTF_8);
    if (utf8.ok()) {
      return utf8;
    }
    int bad = offset(file, utf8.error());
    if (longUtf8Characters(file, bad) >= UTF8_EVIDENCE) {
      return utf8; // UTF-8 with a broken byte: refused where it broke, not re-read as GB18030 garble
    }
    Decoded gb = strict(file, 0, GB18030);
    return gb.ok() ? gb : utf8;
  }

  private static Decoded strict(byte[] file, int start, Charset charset) {
    CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(file, start, file.length - start);
    CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L,
        (long) (file.length * (double) decoder.maxCharsPerByte()) + 16));
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      return new Decoded(null, charset, at(file, start, in.position(), charset));
    }
    return new Decoded(out.flip().toString(), charset, null);
  }

  /** The position of byte {@code bad}: lines end at LF, a byte that no multi-byte character of either encoding uses. */
  private static Undecodable at(byte[] file, int start, int bad, Charset charset) {
    long line = 1;
    int lineStart = start;
    for (int i = start; i < bad; i++) {
      if (file[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    long column = 1;
    try {
      column += charset.newDecoder().decode(ByteBuffer.wrap(file, lineStart, bad - lineStart)).codePoints().count();
    } catch (CharacterCodingException e) {
      column = 0; // cannot happen: everything before the first bad byte decoded
    }
    return new Undecodable(line, column, bad - lineStart + 1L, charset.name());
  }

  private static int offset(byte[] file, Undecodable e) {
    int line = 1;
    int i = 0;
    while (line < e.line()) {
      if (file[i++] == '\n') {
        line++;
      }
    }
    return i + (int) e.byteInLine() - 1;
  }

  /** How many characters of three or four bytes the well-formed UTF-8 before {@code end} holds. */
  private static int longUtf8Characters(byte[] file, int end) {
    int n = 0;
    for (int i = 0; i < end; i++) {
      if ((file[i] & 0xF0) >= 0xE0) {
        n++;
      }
    }
    return n;
  }

  private static boolean startsWith(byte[] file, byte[] prefix) {
    if (file.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (file[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
