package org.parcelveil.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.store.TestDatabases;

class KeyStoreTest {

  static MasterKey randomMaster() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return MasterKey.ofBytes(b, "test");
  }

  /** A key store with every named key, as the service has it once started. */
  static KeyStore provisioned(KeyStore keys) {
    keys.provision();
    return keys;
  }

  @Test
  void readingAKeyNeverProvisioned_isAClearError_andCreatesNothing() {
    try (Database db = Database.open(TestDatabases.freshPostgres(), "keys", 2)) {
      KeyStore keys = new KeyStore(db, randomMaster());

      assertThatThrownBy(() -> keys.currentSecret(KeyName.IDEMPOTENCY)).isInstanceOf(NoSuchKeyException.class)
          .hasMessageContaining("no key idempotency");
      assertThatThrownBy(() -> keys.rotateSecret(KeyName.QR)).isInstanceOf(NoSuchKeyException.class);
      assertThatThrownBy(() -> keys.keyset(KeyName.WORK_PHONES)).isInstanceOf(NoSuchKeyException.class);
      assertThatThrownBy(() -> keys.bucket(LocalDate.of(2030, 1, 1))).isInstanceOf(NoSuchKeyException.class);

      assertThat(keys.versions()).extracting(KeyVersion::name).containsOnly(KeyMaterialRepository.CHECK_NAME);
    }
  }

  @Test
  void aKeyOfTheWrongKind_isRefused() {
    try (Database db = Database.open(TestDatabases.freshPostgres(), "keys", 2)) {
      KeyStore keys = provisioned(new KeyStore(db, randomMaster()));

      assertThatThrownBy(() -> keys.secrets(KeyName.WORK_PHONES)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> keys.keyset(KeyName.QR)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void provision_createsEveryNamedKeyOnce_andOnUpgradeOnlyTheMissingOnes() throws Exception {
    try (Database db = Database.open(TestDatabases.freshPostgres(), "keys", 2)) {
      KeyStore keys = new KeyStore(db, randomMaster());

      assertThat(keys.provision()).containsExactly(KeyName.values());
      assertThat(keys.versions()).extracting(KeyVersion::name)
          .filteredOn(n -> !n.equals(KeyMaterialRepository.CHECK_NAME))
          .containsExactlyInAnyOrder(Arrays.stream(KeyName.values()).map(KeyName::stored).toArray(String[]::new));
      Secret qr = keys.currentSecret(KeyName.QR);
      assertThat(keys.provision()).isEmpty();

      // A store from a release that did not know one of today's names yet.
      try (Connection c = db.dataSource().getConnection()) {
        c.createStatement().executeUpdate("DELETE FROM key_material WHERE name = 'leaks-client'");
      }
      assertThat(keys.provision()).containsExactly(KeyName.LEAKS_CLIENT);
      assertThat(keys.currentSecret(KeyName.QR)).isEqualTo(qr);
      assertThat(keys.secrets(KeyName.LEAKS_CLIENT)).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void secrets_areCreatedOnceAndSurviveReopening(String kind) {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    MasterKey master = randomMaster();
    Secret first;
    try (Database db = Database.open(settings, "keys", "pv_keys", 2)) {
      first = provisioned(new KeyStore(db, master)).currentSecret(KeyName.WAYBILL);
    }
    try (Database db = Database.open(settings, "keys", "pv_keys", 2)) {
      KeyStore again = new KeyStore(db, master);
      assertThat(again.currentSecret(KeyName.WAYBILL)).isEqualTo(first);
      Secret rotated = again.rotateSecret(KeyName.WAYBILL);
      assertThat(rotated.version()).isEqualTo(2);
      assertThat(again.secrets(KeyName.WAYBILL)).hasSize(2);
    }
  }

  @Test
  void wrongMasterKey_isRefusedClearly() {
    DatabaseSettings settings = TestDatabases.freshPostgres();
    try (Database db = Database.open(settings, "keys", 2)) {
      provisioned(new KeyStore(db, randomMaster()));
      assertThatThrownBy(() -> new KeyStore(db, randomMaster()))
          .isInstanceOf(KeyStoreException.class)
          .hasMessageContaining("does not open this key store");
    }
  }

  @Test
  void secret_neverPrintsItsBytes() {
    try (Database db = Database.open(TestDatabases.freshPostgres(), "keys", 2)) {
      Secret s = provisioned(new KeyStore(db, randomMaster())).currentSecret(KeyName.QR);
      assertThat(s.toString()).contains("REDACTED").doesNotContain(java.util.HexFormat.of().formatHex(s.bytes()));
    }
  }

  @Test
  void installingANewMasterKey_keepsTheOldOneAsAPrivateFile(@TempDir Path dir) throws Exception {
    Path current = MasterKeyFiles.current(dir);
    MasterKeyFiles.readOrCreate(current);
    String old = Files.readString(current);
    Path next = dir.resolve("next.key");
    MasterKeyFiles.writePrivate(next, java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");

    MasterKeyFiles.install(dir, next);

    Path kept = dir.resolve(MasterKeyFiles.OLD);
    assertThat(Files.readString(kept)).isEqualTo(old);
    assertThat(Files.getPosixFilePermissions(kept)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(current)).isNotEqualTo(old);
  }

  @Test
  void masterKeyFile_isCreatedOnlyForNewStores_withMode0600(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> MasterKeySource.load(dir, Map.of(), false))
        .isInstanceOf(KeyStoreException.class).hasMessageContaining("master key is missing");
    MasterKey created = MasterKeySource.load(dir, Map.of(), true);
    Path file = dir.resolve(MasterKeySource.FILE);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(created.toString()).doesNotContain(Files.readString(file).trim());
    assertThat(MasterKeySource.load(dir, Map.of(), false).source()).isEqualTo(file.toString());
  }

  @Test
  void masterKeyFromEnvironment_winsOverTheFile(@TempDir Path dir) {
    String b64 = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    MasterKey k = MasterKeySource.load(dir, Map.of(MasterKeySource.ENV, b64), false);
    assertThat(k.source()).isEqualTo("env:" + MasterKeySource.ENV);
    assertThatThrownBy(() -> MasterKeySource.load(dir, Map.of(MasterKeySource.ENV, "c2hvcnQ="), false))
        .hasMessageContaining("32 bytes");
  }
}
