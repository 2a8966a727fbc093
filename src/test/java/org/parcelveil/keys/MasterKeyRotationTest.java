package org.parcelveil.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.store.TestDatabases;

/**
 * Master-key rotation on real stores: every key re-wrapped in one transaction, an interrupted rotation leaves a store
 * that the old key still opens and that a second run completes, other processes take the new key up, and a KMS key
 * (through Tink's KmsClient interface) works like a key file.
 */
class MasterKeyRotationTest {
  static final byte[] AD = "ad".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void rotation_rewrapsEveryKey_andAnInterruptedRunLeavesTheOldKeyWorking(String kind) throws Exception {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    MasterKey oldKey = KeyStoreTest.randomMaster();
    MasterKey newKey = KeyStoreTest.randomMaster();
    try (Database db = Database.open(settings, "keys", "pv_keys", 2)) {
      KeyStore keys = KeyStoreTest.provisioned(new KeyStore(db, oldKey));
      Secret waybill = keys.currentSecret(KeyName.WAYBILL);
      keys.rotateSecret(KeyName.WAYBILL, "firstCounter=1000");
      LocalDate day = LocalDate.of(2030, 1, 1);
      byte[] sealed = keys.sealingBucket(day).encrypt("plain".getBytes(StandardCharsets.UTF_8), AD);
      keys.sealingBucket(day.plusDays(1));
      keys.destroyBucket(day.plusDays(1));
      int rows = keys.versions().size() + 1;

      // A crash half-way through: nothing is committed, the old key still opens everything.
      assertThatThrownBy(() -> keys.rotateMaster(newKey, n -> {
        if (n == rows / 2) {
          throw new IllegalStateException("power cut");
        }
      })).hasMessage("power cut");
      assertThat(KeyStore.opens(db, oldKey)).isTrue();
      assertThat(KeyStore.opens(db, newKey)).isFalse();
      assertThat(new KeyStore(db, oldKey).currentSecret(KeyName.WAYBILL).version()).isEqualTo(2);

      // Run again: it completes.
      KeyStore again = new KeyStore(db, oldKey);
      assertThat(again.rotateMaster(newKey)).isEqualTo(rows);
      assertThat(again.masterGeneration()).isEqualTo(2);
      assertThatThrownBy(() -> new KeyStore(db, oldKey)).isInstanceOf(KeyStoreException.class)
          .hasMessageContaining("does not open this key store");
      KeyStore reopened = new KeyStore(db, newKey);
      assertThat(reopened.secrets(KeyName.WAYBILL).get(0)).isEqualTo(waybill);
      assertThat(reopened.secrets(KeyName.WAYBILL).get(1).param("firstCounter")).contains("1000");
      assertThat(new String(reopened.bucket(day).decrypt(sealed, AD), StandardCharsets.UTF_8)).isEqualTo("plain");
      assertThat(reopened.isBucketDestroyed(day.plusDays(1))).isTrue();
      assertThat(reopened.versions()).allMatch(v -> v.masterGeneration() == 2);
    }
  }

  @Test
  void anotherProcess_takesTheNewMasterKeyUp_andNeverAddsAKeyUnderTheOldOne() {
    MasterKey oldKey = KeyStoreTest.randomMaster();
    MasterKey newKey = KeyStoreTest.randomMaster();
    AtomicReference<MasterKey> nodeSource = new AtomicReference<>(oldKey);
    try (Database db = Database.open(TestDatabases.freshPostgres(), "keys", 2)) {
      KeyStore operator = KeyStoreTest.provisioned(new KeyStore(db, oldKey));
      KeyStore node = new KeyStore(db, nodeSource::get);
      node.currentSecret(KeyName.QR);
      operator.rotateMaster(newKey);

      // The node's source still gives the old key: it cannot add a key under it, and says why.
      assertThatThrownBy(() -> node.rotateSecret(KeyName.QR)).isInstanceOf(KeyStoreException.class);
      assertThat(operator.secrets(KeyName.QR)).hasSize(1);

      nodeSource.set(newKey); // the key file was replaced
      assertThat(node.refreshMaster()).isTrue();
      assertThat(node.rotateSecret(KeyName.QR).version()).isEqualTo(2);
      Aead bucket = node.sealingBucket(LocalDate.of(2031, 5, 5));
      assertThat(bucket).isNotNull();
      assertThat(new KeyStore(db, newKey).versions()).allMatch(v -> v.masterGeneration() == 2);
    }
  }

  @Test
  void kmsMasterKey_opensTheStoreThroughTinksKmsClient_andAWrongOneIsRefused(@TempDir Path dir) throws Exception {
    Path kmsKey = writeKey(dir.resolve("kms.key"));
    Path otherKey = writeKey(dir.resolve("other.key"));
    String uri = LocalKmsClient.PREFIX + kmsKey;
    MasterKey kms = MasterKeySource.load(dir, Map.of(), uri, false);
    assertThat(kms.source()).isEqualTo(uri);
    try (Database db = Database.open(TestDatabases.freshPostgres(), "keys", 2)) {
      Secret s = KeyStoreTest.provisioned(new KeyStore(db, kms)).currentSecret(KeyName.WAYBILL);
      MasterKey viaEnv = MasterKeySource.load(dir, Map.of(MasterKeySource.URI_ENV, uri), null, false);
      assertThat(new KeyStore(db, viaEnv).currentSecret(KeyName.WAYBILL)).isEqualTo(s);
      MasterKey wrong = MasterKeySource.load(dir, Map.of(), LocalKmsClient.PREFIX + otherKey, false);
      assertThatThrownBy(() -> new KeyStore(db, wrong)).isInstanceOf(KeyStoreException.class)
          .hasMessageContaining("local-kms://").hasMessageContaining("does not open this key store");
    }
    assertThatThrownBy(() -> MasterKeySource.load(dir, Map.of(), "nokms://x/y", false))
        .isInstanceOf(KeyStoreException.class).hasMessageContaining("no KMS client").hasMessageContaining("docs/keys.md");
    assertThatThrownBy(() -> MasterKeySource.load(dir, Map.of(), LocalKmsClient.PREFIX + dir.resolve("absent"), false))
        .isInstanceOf(KeyStoreException.class).hasMessageContaining("cannot be used");
  }

  @Test
  void masterKeyFiles_installKeepsTheOldKey_andReadOrCreateReusesAPendingKey(@TempDir Path dir) throws Exception {
    MasterKeySource.load(dir, Map.of(), true);
    String before = Files.readString(MasterKeyFiles.current(dir));
    MasterKey pending = MasterKeyFiles.readOrCreate(MasterKeyFiles.pending(dir));
    assertThat(MasterKeyFiles.readOrCreate(MasterKeyFiles.pending(dir)).source()).isEqualTo(pending.source());
    String next = Files.readString(MasterKeyFiles.pending(dir));
    MasterKeyFiles.install(dir, MasterKeyFiles.pending(dir));
    assertThat(Files.readString(MasterKeyFiles.current(dir))).isEqualTo(next);
    assertThat(Files.readString(dir.resolve(MasterKeyFiles.OLD))).isEqualTo(before);
    assertThat(Files.exists(MasterKeyFiles.pending(dir))).isFalse();
    assertThat(Files.getPosixFilePermissions(MasterKeyFiles.current(dir)))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  static Path writeKey(Path file) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Files.writeString(file, Base64.getEncoder().encodeToString(key));
    return file;
  }
}
