package org.parcelveil.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.MutableClock;
import org.parcelveil.http.ApiException;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.MasterKey;
import org.parcelveil.store.Database;
import org.parcelveil.store.TestDatabases;
import org.parcelveil.vault.PersonInput;

class IntakeOpenerTest {
  static final String PARTY = "{\"name\":\"ZQ-NAME-4411\",\"phone\":\"13800138000\",\"address\":{\"province\":"
      + "\"浙江省\",\"city\":\"杭州市\",\"district\":\"西湖区\",\"detail\":\"ZQ-DETAIL-4411\"}}";
  Database keysDb;
  KeyStore store;
  MutableClock clock;
  IntakeKeys keys;
  IntakeOpener opener;

  @BeforeEach
  void setUp() {
    keysDb = Database.open(TestDatabases.freshPostgres(), "keys", 2);
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    store = new KeyStore(keysDb, MasterKey.ofBytes(master, "test"));
    store.provision();
    clock = new MutableClock();
    keys = new IntakeKeys(store, Duration.ofDays(30), clock);
    opener = new IntakeOpener(keys, clock);
  }

  @AfterEach
  void tearDown() {
    keysDb.close();
  }

  static String seal(IntakeKey key, String platform, String order, String merchant, String json) {
    byte[][] out = Hpke.seal(key.publicKey(), IntakeOpener.associatedData(platform, order, merchant),
        json.getBytes(StandardCharsets.UTF_8));
    assertThat(out[0]).hasSize(32);
    return SealedValue.format(key.keyId(), out[0], out[1]);
  }

  @Test
  void aBlobSealedForThisOrderAndMerchant_opensToTheParty() {
    String blob = seal(keys.live().get(0), "pr_platform", "TB-1001", "pr_shop", PARTY);
    PersonInput p = opener.open(blob, "pr_platform", "TB-1001", "pr_shop");
    assertThat(p.name()).isEqualTo("ZQ-NAME-4411");
    assertThat(p.address().detail()).isEqualTo("ZQ-DETAIL-4411");
  }

  @Test
  void aBlobForAnotherMerchantOrderOrPlatform_doesNotOpen() {
    String blob = seal(keys.live().get(0), "pr_platform", "TB-1001", "pr_shop", PARTY);
    assertRefused(() -> opener.open(blob, "pr_platform", "TB-1001", "pr_other_shop"), "sealed-does-not-open");
    assertRefused(() -> opener.open(blob, "pr_platform", "TB-1002", "pr_shop"), "sealed-does-not-open");
    assertRefused(() -> opener.open(blob, "pr_other", "TB-1001", "pr_shop"), "sealed-does-not-open");
  }

  @Test
  void anAlteredBlob_doesNotOpen_andAMalformedOneSaysSo() {
    String blob = seal(keys.live().get(0), "p", "o", "m", PARTY);
    char last = blob.charAt(blob.length() - 2);
    String altered = blob.substring(0, blob.length() - 2) + (last == 'A' ? 'B' : 'A') + blob.charAt(blob.length() - 1);
    assertRefused(() -> opener.open(altered, "p", "o", "m"), "sealed-does-not-open");
    assertRefused(() -> opener.open(blob + "=", "p", "o", "m"), "sealed-malformed");
    assertRefused(() -> opener.open(blob.replace("pvs1.", "pvs2."), "p", "o", "m"), "sealed-malformed");
    assertRefused(() -> opener.open("x".repeat(5000), "p", "o", "m"), "sealed-too-large");
    assertRefused(() -> opener.open(blob, "p", "o|m", "m"), "sealed-order-id");
    String unknown = "pvs1.AAAAAAAAAAAAAAAA" + blob.substring(blob.indexOf('.', 5));
    assertRefused(() -> opener.open(unknown, "p", "o", "m"), "sealed-unknown-key");
  }

  @Test
  void aBlobThatIsNotAParty_isRefusedWithoutQuotingIt() {
    String blob = seal(keys.live().get(0), "p", "o", "m", "{\"ZQ-SECRET\": 1}");
    assertThatThrownBy(() -> opener.open(blob, "p", "o", "m")).isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).type()).isEqualTo("sealed-not-a-party"))
        .hasMessageNotContaining("ZQ-SECRET");
  }

  @Test
  void afterRotation_theOldKeyOpensDuringTheOverlap_thenIsRetired() {
    IntakeKey old = keys.live().get(0);
    String blob = seal(old, "p", "o", "m", PARTY);
    store.rotateSecret(KeyName.INTAKE);
    clock.advance(IntakeKeys.REFRESH.plusSeconds(1));
    assertThat(keys.live()).hasSize(2);
    assertThat(keys.live().get(0).keyId()).isNotEqualTo(old.keyId());
    assertThat(keys.live().get(1).keyId()).isEqualTo(old.keyId());
    assertThat(opener.open(blob, "p", "o", "m").name()).isEqualTo("ZQ-NAME-4411");
    clock.advance(Duration.ofDays(31));
    assertThat(keys.live()).hasSize(1);
    assertRefused(() -> opener.open(blob, "p", "o", "m"), "sealed-key-retired");
    String fresh = seal(keys.live().get(0), "p", "o", "m", PARTY);
    assertThat(opener.open(fresh, "p", "o", "m").name()).isEqualTo("ZQ-NAME-4411");
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String type) {
    assertThatThrownBy(call).isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400))
        .satisfies(e -> assertThat(((ApiException) e).type()).isEqualTo(type));
  }
}
