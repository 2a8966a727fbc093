package org.parcelveil.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.MasterKey;
import org.parcelveil.store.Database;
import org.parcelveil.store.TestDatabases;
import org.parcelveil.validation.Check;

class VaultTest {
  static final LocalDate DAY = LocalDate.of(2027, 3, 1);
  Database keysDb;
  KeyStore keys;
  Vault vault;
  Person person;

  @BeforeEach
  void setUp() {
    keysDb = Database.open(TestDatabases.freshPostgres(), "keys", 2);
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    keys = new KeyStore(keysDb, MasterKey.ofBytes(master, "test"));
    keys.provision();
    vault = new Vault(keys, new BlindIndex(keys.secrets(KeyName.BLIND_INDEX)));
    person = PersonalDataTypesTest.input().validate(new Check(), "recipient");
  }

  @AfterEach
  void tearDown() {
    keysDb.close();
  }

  @Test
  void sealThenOpen_returnsThePerson() {
    SealedPerson sealed = vault.seal("PV1", PartyRole.RECIPIENT, DAY, person);
    Person opened = vault.open("PV1", PartyRole.RECIPIENT, DAY, sealed);
    assertThat(opened).isEqualTo(person);
    assertThat(opened.masked().phone()).isEqualTo("*******5678");
  }

  @Test
  void ciphertexts_holdNoPlainText() {
    SealedPerson sealed = vault.seal("PV1", PartyRole.RECIPIENT, DAY, person);
    String all = new String(sealed.name(), StandardCharsets.ISO_8859_1) + new String(sealed.phone(), StandardCharsets.ISO_8859_1)
        + new String(sealed.street(), StandardCharsets.ISO_8859_1) + new String(sealed.detail(), StandardCharsets.ISO_8859_1)
        + sealed.phoneIndex();
    assertThat(all).doesNotContain("Zzmarkname", "12345678", "Markstreet", "Markroom");
  }

  @Test
  void ciphertextMovedToAnotherRowOrField_failsToDecrypt() {
    SealedPerson a = vault.seal("PV1", PartyRole.RECIPIENT, DAY, person);
    assertThatThrownBy(() -> vault.open("PV2", PartyRole.RECIPIENT, DAY, a)).isInstanceOf(VaultException.class);
    assertThatThrownBy(() -> vault.open("PV1", PartyRole.SENDER, DAY, a)).isInstanceOf(VaultException.class);
    SealedPerson swapped = new SealedPerson(a.area(), a.phone(), a.name(), a.street(), a.detail(), a.phoneIndex());
    assertThatThrownBy(() -> vault.open("PV1", PartyRole.RECIPIENT, DAY, swapped)).isInstanceOf(VaultException.class);
  }

  @Test
  void blindIndex_isStableAndKeyed() {
    SealedPerson a = vault.seal("PV1", PartyRole.RECIPIENT, DAY, person);
    SealedPerson b = vault.seal("PV2", PartyRole.SENDER, DAY.plusDays(1), person);
    assertThat(a.phoneIndex()).isEqualTo(b.phoneIndex()).startsWith("1.");
    assertThat(vault.blindIndex().of(Phone.parse("p", "13900000000"))).isNotEqualTo(a.phoneIndex());
  }

  @Test
  void blindIndexBoundToAWaybill_isStable_andMatchesNeitherThePhonesIndexNorAnotherWaybill() {
    Phone phone = person.phone();
    BlindIndex index = vault.blindIndex();
    assertThat(index.allBoundTo("PV1", phone)).isEqualTo(index.allBoundTo("PV1", phone)).hasSize(1);
    assertThat(index.allBoundTo("PV1", phone).get(0)).startsWith("1.")
        .isNotEqualTo(index.of(phone))
        .isNotEqualTo(index.allBoundTo("PV2", phone).get(0))
        .isNotEqualTo(index.allBoundTo("PV1", Phone.parse("p", "13900000000")).get(0));
  }

  @Test
  void destroyedBucket_shredsItsData() {
    SealedPerson sealed = vault.seal("PV1", PartyRole.RECIPIENT, DAY, person);
    assertThat(keys.destroyBucket(DAY)).isTrue();
    assertThatThrownBy(() -> vault.open("PV1", PartyRole.RECIPIENT, DAY, sealed)).isInstanceOf(ShreddedException.class);
    assertThat(keys.isBucketDestroyed(DAY)).isTrue();
  }
}
