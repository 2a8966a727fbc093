package org.parcelveil.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.MasterKey;
import org.parcelveil.store.Database;
import org.parcelveil.store.TestDatabases;
import org.parcelveil.validation.Check;

/**
 * Sealing one shipment's personal data (both parties: 8 AEAD ciphertexts with associated data, 2 blind indexes)
 * against the raw Tink and JCE calls that work needs: the vault's own overhead is the gap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VaultBenchmark {
  static final LocalDate DAY = LocalDate.of(2027, 3, 1);
  Database keysDb;
  Vault vault;
  Person sender;
  Person recipient;
  Aead rawAead;
  Mac rawMac;
  byte[][] fields;
  byte[] ad = "pv1|PV12345678901234X|recipient.name".getBytes(StandardCharsets.UTF_8);

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    keysDb = Database.open(TestDatabases.freshPostgres(), "keys", 2);
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    KeyStore keys = new KeyStore(keysDb, MasterKey.ofBytes(master, "bench"));
    keys.provision();
    vault = new Vault(keys, new BlindIndex(keys.secrets(KeyName.BLIND_INDEX)));
    sender = new PersonInput("杭州西湖茶叶店", "13800001111", new PersonInput.AddressInput("浙江省", "杭州市", "滨江区",
        "江南大道3880号", "华荣时代大厦1204室")).validate(new Check(), "sender");
    recipient = new PersonInput("欧阳娜娜", "13912345678", new PersonInput.AddressInput("浙江省", "杭州市", "西湖区",
        "文三路90号", "东部软件园2号楼301室")).validate(new Check(), "recipient");
    AeadConfig.register();
    rawAead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
        .getPrimitive(RegistryConfiguration.get(), Aead.class);
    rawMac = Mac.getInstance("HmacSHA256");
    rawMac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    fields = new byte[][] {
        sender.name().reveal().getBytes(StandardCharsets.UTF_8), sender.phone().reveal().getBytes(StandardCharsets.UTF_8),
        sender.address().street().reveal().getBytes(StandardCharsets.UTF_8),
        sender.address().detail().reveal().getBytes(StandardCharsets.UTF_8),
        recipient.name().reveal().getBytes(StandardCharsets.UTF_8),
        recipient.phone().reveal().getBytes(StandardCharsets.UTF_8),
        recipient.address().street().reveal().getBytes(StandardCharsets.UTF_8),
        recipient.address().detail().reveal().getBytes(StandardCharsets.UTF_8)};
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    keysDb.close();
  }

  @Benchmark
  public void vaultSealShipment(Blackhole bh) {
    bh.consume(vault.seal("PV12345678901234X", PartyRole.SENDER, DAY, sender));
    bh.consume(vault.seal("PV12345678901234X", PartyRole.RECIPIENT, DAY, recipient));
  }

  @Benchmark
  public void rawTinkAndHmacForOneShipment(Blackhole bh) throws Exception {
    for (byte[] f : fields) {
      bh.consume(rawAead.encrypt(f, ad));
    }
    bh.consume(rawMac.doFinal(fields[1]));
    bh.consume(rawMac.doFinal(fields[5]));
  }
}
