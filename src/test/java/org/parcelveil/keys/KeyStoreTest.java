package org.parcelveil.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
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

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void secrets_areCreatedOnceAndSurviveReopening(String kind) {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    MasterKey master = randomMaster();
    Secret first;
    try (Database db = Database.open(settings, "keys", "pv_keys", 2)) {
      first = new KeyStore(db, master).currentSecret("waybill");
    }
    try (Database db = Database.open(settings, "keys", "pv_keys", 2)) {
      KeyStore again = new KeyStore(db, master);
      assertThat(again.currentSecret("waybill")).isEqualTo(first);
      Secret rotated = again.rotateSecret("waybill");
      assertThat(rotated.version()).isEqualTo(2);
      assertThat(again.secrets("waybill")).hasSize(2);
    }
  }

  @Test
  void wrongMasterKey_isRefusedClearly() {
    DatabaseSettings settings = TestDatabases.freshPostgres();
    try (Database db = Database.open(settings, "keys", 2)) {
      new KeyStore(db, randomMaster()).currentSecret("waybill");
      assertThatThrownBy(() -> new KeyStore(db, randomMaster()))
          .isInstanceOf(KeyStoreException.class)
          .hasMessageContaining("does not open this key store");
    }
  }

  @Test
  void secret_neverPrintsItsBytes() {
    try (Database db = Database.open(TestDatabases.freshPostgres(), "keys", 2)) {
      Secret s = new KeyStore(db, randomMaster()).currentSecret("qr");
      assertThat(s.toString()).contains("REDACTED").doesNotContain(java.util.HexFormat.of().formatHex(s.bytes()));
    }
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
