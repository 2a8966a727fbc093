package org.parcelveil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStoreException;
import org.parcelveil.keys.LocalKmsClient;
import org.parcelveil.keys.MasterKeyFiles;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.keys.Secret;

/**
 * {@code parcelveil keys} on a real data directory with a master-key file: every rotation runs and is logged, a
 * master-key rotation interrupted before or after its commit is completed by running the command again, and the
 * master key moves into a KMS.
 */
class KeysCommandTest {
  @TempDir
  Path dir;

  @Test
  void rotateEveryKey_thenTheMasterKey_resumingInterruptedRuns_andMovingItIntoAKms() throws Exception {
    Path data = dir.resolve("data");
    Secret waybillKey;
    LocalDate day = LocalDate.of(2031, 1, 1);
    byte[] sealed;
    try (ParcelVeil pv = ParcelVeil.open(Settings.defaults(data), Map.of())) {
      pv.principals().create(null, "admin", "Administrator", null);
      waybillKey = pv.keys().currentSecret(KeyName.WAYBILL);
      sealed = pv.keys().sealingBucket(day).encrypt("x".getBytes(StandardCharsets.UTF_8), new byte[0]);
    }
    Path keyFile = MasterKeyFiles.current(data);
    String original = Files.readString(keyFile);

    assertThat(run("keys", "rotate", "--data", data.toString())).isEqualTo(2);
    assertThat(run("keys", "rotate", "--waybill", "--blind-index", "--qr", "--audit", "--data", data.toString()))
        .isZero();
    assertThat(out).contains("rotated waybill to v2", "rotated blind-index to v2", "rotated qr to v2",
        "rotated audit-signing to v2");

    assertThat(run("keys", "rotate", "--master", "--data", data.toString())).isZero();
    String second = Files.readString(keyFile);
    assertThat(second).isNotEqualTo(original);
    assertThat(Files.readString(data.resolve(MasterKeyFiles.OLD))).isEqualTo(original);
    assertThat(Files.exists(MasterKeyFiles.pending(data))).isFalse();
    assertThatThrownBy(() -> ParcelVeil.open(Settings.defaults(data), Map.of(MasterKeySource.ENV, original.trim())))
        .isInstanceOf(KeyStoreException.class).hasMessageContaining("does not open this key store");
    try (ParcelVeil pv = ParcelVeil.open(Settings.defaults(data), Map.of())) {
      assertThat(pv.keys().secrets(KeyName.WAYBILL).get(0)).isEqualTo(waybillKey);
      assertThat(pv.keys().bucket(day).decrypt(sealed, new byte[0])).containsExactly('x');
    }

    // Stopped before its commit: the new key file was written, the store is still under the current key.
    String pending = Files.readString(write(MasterKeyFiles.pending(data)));
    assertThat(run("keys", "rotate", "--master", "--data", data.toString())).isZero();
    assertThat(Files.readString(keyFile)).as("the pending key is re-used").isEqualTo(pending);

    // Stopped after its commit, before the key file was installed: the old file no longer opens the store.
    String third = Files.readString(write(MasterKeyFiles.pending(data)));
    try (ParcelVeil pv = ParcelVeil.open(Settings.defaults(data), Map.of())) {
      pv.keyRotation().master("test", MasterKeyFiles.read(MasterKeyFiles.pending(data)).orElseThrow());
    }
    assertThatThrownBy(() -> ParcelVeil.open(Settings.defaults(data), Map.of()))
        .hasMessageContaining("rotation was interrupted");
    assertThat(run("keys", "list", "--data", data.toString())).isEqualTo(3);
    assertThat(run("keys", "rotate", "--master", "--data", data.toString())).isZero();
    assertThat(out).contains("finishing it");
    assertThat(Files.readString(keyFile)).isEqualTo(third);
    assertThat(run("keys", "list", "--data", data.toString())).isZero();
    assertThat(out).contains("generation 4");

    // Into a KMS: the key file is retired, and the store opens only through the KMS URI.
    String uri = LocalKmsClient.PREFIX + write(dir.resolve("kms.key"));
    assertThat(run("keys", "rotate", "--master", "--new-master-key-uri", uri, "--data", data.toString())).isZero();
    assertThat(out).contains("--master-key-uri " + uri);
    assertThat(Files.exists(keyFile)).isFalse();
    assertThat(run("keys", "list", "--data", data.toString())).isEqualTo(3);
    assertThat(run("keys", "list", "--master-key-uri", uri, "--data", data.toString())).isZero();
    assertThat(out).contains("generation 5", "from " + uri);

    assertThat(run("keys", "retire", "--blind-index", "--master-key-uri", uri, "--data", data.toString())).isZero();
    assertThat(out).contains("retired blind-index v1");
    try (ParcelVeil pv = ParcelVeil.open(Settings.defaults(data).withKeys(
        Settings.defaults(data).keys().withMasterKeyUri(uri)), Map.of())) {
      assertThat(actions(pv)).containsSubsequence("key.rotate", "key.rotate", "key.rotate", "key.rotate", "key.rotate",
          "key.rotate", "key.rotate", "key.rotate", "key.rotate", "key.retire");
    }
  }

  @Test
  void aRunningNode_takesTheNewMasterKeyUpFromItsFile_withoutARestart() throws Exception {
    Path data = dir.resolve("running");
    LocalDate day = LocalDate.of(2031, 2, 2);
    try (ParcelVeil node = ParcelVeil.open(Settings.defaults(data), Map.of())) {
      byte[] sealed = node.keys().sealingBucket(day).encrypt("x".getBytes(StandardCharsets.UTF_8), new byte[0]);
      assertThat(run("keys", "rotate", "--master", "--data", data.toString())).isZero();
      node.keyRefresh().refresh();
      assertThat(node.keys().masterGeneration()).isEqualTo(2);
      assertThat(node.keys().bucket(day).decrypt(sealed, new byte[0])).containsExactly('x');
      node.keys().sealingBucket(day.plusDays(1)); // a new key, wrapped under the new master key
      node.keys().rotateSecret(KeyName.QR);
    }
    try (ParcelVeil again = ParcelVeil.open(Settings.defaults(data), Map.of())) {
      assertThat(again.keys().versions()).allMatch(v -> v.masterGeneration() == 2);
      assertThat(again.keys().secrets(KeyName.QR)).hasSize(2);
    }
  }

  private String out = "";

  private int run(String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      return Main.run(args);
    } finally {
      System.setOut(saved);
      out = buffer.toString(StandardCharsets.UTF_8);
    }
  }

  private static Path write(Path file) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
    return file;
  }

  private static List<String> actions(ParcelVeil pv) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = pv.database().connection();
        ResultSet rs = c.createStatement().executeQuery("SELECT action FROM audit_entries ORDER BY idx")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

}
