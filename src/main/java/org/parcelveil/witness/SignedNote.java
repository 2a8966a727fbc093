package org.parcelveil.witness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * A C2SP signed note split into its text (ending in a newline) and its signature lines, none of them checked yet.
 * The text is what every signature covers.
 */
public record SignedNote(String text, List<Line> signatures) {
  static final String DASH = "\u2014";
  static final int MAX_CHARS = 64 * 1024;
  static final int MAX_SIGNATURES = 100;

  public SignedNote {
    signatures = List.copyOf(signatures);
  }

  /** One signature line: {@code — <name> base64(key id || signature bytes)}. */
  public record Line(String name, int keyId, byte[] signature) {
    public Line {
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    /** The line as written in a note, with its newline. */
    public String text() {
      byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
      return DASH + " " + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    static Line parse(String line) {
      if (!line.startsWith(DASH + " ")) {
        throw new IllegalArgumentException("a signature line starts with an em dash and a space");
      }
      String[] parts = line.substring(2).split(" ", -1);
      if (parts.length != 2 || parts[0].isEmpty()) {
        throw new IllegalArgumentException("a signature line reads: em dash, key name, base64 signature");
      }
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a signature is not base64");
      }
      if (blob.length < 5) {
        throw new IllegalArgumentException("a signature is too short");
      }
      return new Line(parts[0], ByteBuffer.wrap(blob).getInt(), Arrays.copyOfRange(blob, 4, blob.length));
    }
  }

  /** Splits a note; fails with the reason if it is not a well-formed signed note. */
  public static SignedNote parse(String note) {
    if (note.length() > MAX_CHARS) {
      throw new IllegalArgumentException("the note is too long");
    }
    if (note.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
      throw new IllegalArgumentException("the note contains control characters");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n") || split + 2 >= note.length()) {
      throw new IllegalArgumentException("the note has no signature block");
    }
    String[] lines = note.substring(split + 2, note.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new IllegalArgumentException("the note has too many signatures");
    }
    List<Line> signatures = new ArrayList<>(lines.length);
    for (String line : lines) {
      signatures.add(Line.parse(line));
    }
    return new SignedNote(note.substring(0, split + 1), signatures);
  }

  /**
   * True if at least one of {@code keys} (plain Ed25519 note keys) signed the text and no signature that claims to be
   * by one of them fails: signatures by other keys are ignored, as the signed-note spec asks.
   */
  public boolean signedByAny(Collection<VerifierKey> keys) {
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    boolean verified = false;
    for (Line line : signatures) {
      for (VerifierKey key : keys) {
        if (key.type() == VerifierKey.ED25519 && key.name().equals(line.name()) && key.keyId() == line.keyId()) {
          if (!key.verify(message, line.signature())) {
            return false;
          }
          verified = true;
        }
      }
    }
    return verified;
  }

  /**
   * How many of {@code witnesses} (cosignature/v1 keys) cosigned the text: each key counts once, and a line that
   * claims a key but does not verify under it counts for nothing. Lines by other keys are ignored.
   */
  public int cosignedBy(Collection<VerifierKey> witnesses) {
    java.util.Set<VerifierKey> cosigned = new java.util.HashSet<>();
    for (Line line : signatures) {
      for (VerifierKey key : witnesses) {
        if (key.type() == VerifierKey.COSIGNATURE_V1 && key.name().equals(line.name()) && key.keyId() == line.keyId()
            && line.signature().length == 72 && Cosignature.from(line).verify(key, text)) {
          cosigned.add(key);
        }
      }
    }
    return cosigned.size();
  }

  /** The note as written: the text, a blank line and the signature lines. */
  public String note() {
    StringBuilder out = new StringBuilder(text).append('\n');
    signatures.forEach(line -> out.append(line.text()));
    return out.toString();
  }
}
