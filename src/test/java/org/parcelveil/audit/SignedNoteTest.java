package org.parcelveil.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parcelveil.tlog.Hashes;

/** Signed notes and checkpoints against the Go sumdb/note known answer in {@code audit/signed-note-vectors.txt}. */
class SignedNoteTest {

  record Vector(String skey, String vkey, String text, String signatureLine) {
    static Vector load() throws IOException {
      try (InputStream in = SignedNoteTest.class.getResourceAsStream("/audit/signed-note-vectors.txt")) {
        String skey = null;
        String vkey = null;
        String sig = null;
        StringBuilder text = new StringBuilder();
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (line.startsWith("skey ")) {
            skey = line.substring(5);
          } else if (line.startsWith("vkey ")) {
            vkey = line.substring(5);
          } else if (line.startsWith("text ")) {
            text.append(line.substring(5)).append('\n');
          } else if (line.startsWith("signature ")) {
            sig = line.substring(10);
          }
        }
        return new Vector(skey, vkey, text.toString(), sig);
      }
    }

    /** The seed inside PRIVATE+KEY+name+id+base64(0x01 || seed). */
    byte[] seed() {
      byte[] typed = Base64.getDecoder().decode(skey.split("\\+", 5)[4]);
      return Arrays.copyOfRange(typed, 1, 33);
    }

    String note() {
      return text + "\n" + signatureLine + "\n";
    }
  }

  @Test
  void sign_reproducesPublishedNoteByteForByte() throws Exception {
    Vector v = Vector.load();
    NoteSigner signer = new NoteSigner("PeterNeumann", v.seed(), 1);
    assertThat(signer.key().vkey()).isEqualTo(v.vkey());
    assertThat(signer.sign(v.text())).isEqualTo(v.note());
  }

  @Test
  void open_publishedNote_givesText() throws Exception {
    Vector v = Vector.load();
    NoteKey key = NoteKey.parse(v.vkey());
    assertThat(key.keyId()).isEqualTo(0xc74f20a3);
    assertThat(Notes.open(v.note(), List.of(key))).isEqualTo(v.text());
  }

  @Test
  void open_alteredText_fails() throws Exception {
    Vector v = Vector.load();
    List<NoteKey> keys = List.of(NoteKey.parse(v.vkey()));
    assertThatThrownBy(() -> Notes.open(v.note().replace("cryptography", "cryptographY"), keys))
        .isInstanceOf(Notes.NoteException.class).hasMessageContaining("does not verify");
  }

  @Test
  void open_unknownKeyOnly_fails_butUnknownExtraSignatureIsIgnored() throws Exception {
    Vector v = Vector.load();
    NoteSigner other = new NoteSigner("example.com/other", new byte[32], 1);
    assertThatThrownBy(() -> Notes.open(v.note(), List.of(other.key())))
        .hasMessageContaining("not signed by any known key");
    String cosigned = v.note() + other.sign(v.text()).substring(v.text().length() + 1);
    assertThat(Notes.open(cosigned, List.of(NoteKey.parse(v.vkey())))).isEqualTo(v.text());
    assertThat(Notes.open(cosigned, List.of(other.key()))).isEqualTo(v.text());
  }

  @Test
  void parseKey_manglings_fail() throws Exception {
    String vkey = Vector.load().vkey();
    for (String bad : List.of(vkey.replace("c74f20a3", "c74f20a4"), vkey.replace("PeterNeumann", "PeterNeuman"),
        vkey.substring(0, vkey.length() - 2), "PeterNeumann+c74f20a3", "a b+c74f20a3+" + vkey.split("\\+", 3)[2])) {
      assertThatThrownBy(() -> NoteKey.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void checkpoint_roundTrips_andRejectsMalformedBodies() {
    Checkpoint cp = new Checkpoint("example.com/parcelveil", 20852163, Hashes.emptyRoot());
    assertThat(cp.text()).isEqualTo("example.com/parcelveil\n20852163\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
    Checkpoint back = Checkpoint.parse(cp.text());
    assertThat(back.size()).isEqualTo(cp.size());
    assertThat(back.origin()).isEqualTo(cp.origin());
    assertThat(Checkpoint.parse(cp.text() + "extension\n").size()).isEqualTo(cp.size());
    for (String bad : List.of("o\n012\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", "o\n1\nAAAA\n", "o\n1\n",
        "o\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", "\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")) {
      assertThatThrownBy(() -> Checkpoint.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
