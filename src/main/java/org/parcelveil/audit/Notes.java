package org.parcelveil.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Opens C2SP signed notes: finds the text and checks the signatures of the keys it knows. */
final class Notes {
  static final String DASH = "\u2014";
  static final int MAX_NOTE_CHARS = 64 * 1024;
  private static final int MAX_SIGNATURES = 100;

  private Notes() {}

  /** A note that is malformed or not signed by any known key. */
  static final class NoteException extends Exception {
    NoteException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The note's text, if at least one known key signed it and no known key's signature fails. Signatures by unknown
   * keys are ignored, as the spec asks (witness cosignatures, a rotated key).
   */
  static String open(String note, Collection<NoteKey> known) throws NoteException {
    if (note.length() > MAX_NOTE_CHARS) {
      throw new NoteException("the note is too long");
    }
    if (note.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
      throw new NoteException("the note contains control characters");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      throw new NoteException("the note has no signature block");
    }
    String text = note.substring(0, split + 1);
    String[] lines = note.substring(split + 2, note.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new NoteException("the note has too many signatures");
    }
    boolean verified = false;
    for (String line : lines) {
      Signature sig = parseLine(line);
      for (NoteKey key : known) {
        if (key.name().equals(sig.name()) && key.keyId() == sig.keyId()) {
          if (!verify(key, text, sig.signature())) {
            throw new NoteException("the signature of " + key.name() + " does not verify");
          }
          verified = true;
        }
      }
    }
    if (!verified) {
      throw new NoteException("the note is not signed by any known key");
    }
    return text;
  }

  /** The key ids and names of a note's signatures, unverified (to say which key is missing). */
  static String signers(String note) {
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      return "";
    }
    return note.substring(split + 2).strip();
  }

  private record Signature(String name, int keyId, byte[] signature) {}

  private static Signature parseLine(String line) throws NoteException {
    if (!line.startsWith(DASH + " ")) {
      throw new NoteException("a signature line must start with an em dash and a space");
    }
    String[] parts = line.substring(2).split(" ", -1);
    if (parts.length != 2 || parts[0].isEmpty()) {
      throw new NoteException("a signature line reads: em dash, name, base64 signature");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new NoteException("a signature is not base64");
    }
    if (blob.length < 5) {
      throw new NoteException("a signature is too short");
    }
    return new Signature(parts[0], ByteBuffer.wrap(blob).getInt(), Arrays.copyOfRange(blob, 4, blob.length));
  }

  private static boolean verify(NoteKey key, String text, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(key.publicKey(), 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }
}
