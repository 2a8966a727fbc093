package org.parcelveil.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.parcelveil.store.Database;

/**
 * Every key the service uses, each wrapped under the master key and kept in a store apart from the shipment data:
 * the AEAD keys of the retention buckets and the raw secrets (waybill, blind-index, QR and signing keys).
 *
 * <p>Destroying a bucket key crypto-shreds every shipment whose retention ends that day, backups included.
 */
public final class KeyStore {
  private static final String CHECK_NAME = "master-check";
  private static final byte[] CHECK_PLAIN = "parcelveil master key check".getBytes(StandardCharsets.US_ASCII);
  /** How long a node may keep using a bucket key after another node destroyed it. */
  static final Duration CACHE_TTL = Duration.ofSeconds(30);

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final KeyMaterialRepository repository;
  private final MasterKey master;
  private final SecureRandom random = new SecureRandom();
  private final Cache<LocalDate, Aead> buckets =
      Caffeine.newBuilder().expireAfterWrite(CACHE_TTL).maximumSize(10_000).build();

  private final Database database;

  public KeyStore(Database database, MasterKey master) {
    this.database = database;
    this.repository = new KeyMaterialRepository(database.dataSource());
    this.master = master;
    checkMaster();
  }

  /** The key store's own database (for operators' backups, which follow the retention window). */
  public Database database() {
    return database;
  }

  /** True if the store holds no key yet (a brand-new installation). */
  public static boolean isEmpty(Database database) {
    return new KeyMaterialRepository(database.dataSource()).isEmpty();
  }

  /** The AEAD of the retention bucket whose retention ends on {@code day}, created on first use. */
  public Aead bucket(LocalDate day) {
    Aead cached = buckets.getIfPresent(day);
    if (cached != null) {
      return cached;
    }
    String name = bucketName(day);
    KeyMaterial material = repository.find(name, 1).orElseGet(() -> createBucket(name));
    if (material.isDestroyed()) {
      throw new KeyDestroyedException(name);
    }
    Aead aead = parseBucket(material);
    buckets.put(day, aead);
    return aead;
  }

  /** True if the bucket's key has been destroyed. */
  public boolean isBucketDestroyed(LocalDate day) {
    return repository.find(bucketName(day), 1).map(KeyMaterial::isDestroyed).orElse(false);
  }

  /** Destroys the bucket's key for good; returns false if it was already gone or never existed. */
  public boolean destroyBucket(LocalDate day) {
    buckets.invalidate(day);
    return repository.destroy(bucketName(day), 1);
  }

  /** Live buckets whose day is before {@code day}, oldest first. */
  public List<LocalDate> liveBucketsBefore(LocalDate day) {
    return repository.liveNamesWithPrefix("bucket/").stream()
        .map(n -> LocalDate.parse(n.substring("bucket/".length())))
        .filter(d -> d.isBefore(day))
        .sorted()
        .toList();
  }

  /** Every version of the named raw secret, newest last; creates version 1 (32 random bytes) on first use. */
  public List<Secret> secrets(String name) {
    List<KeyMaterial> all = repository.findAll(name);
    if (all.isEmpty()) {
      createSecret(name, 1);
      all = repository.findAll(name);
    }
    return all.stream().filter(m -> !m.isDestroyed()).map(this::unwrapSecret).toList();
  }

  /** The newest version of the named raw secret. */
  public Secret currentSecret(String name) {
    List<Secret> all = secrets(name);
    return all.get(all.size() - 1);
  }

  /** Adds a new version of the named secret and returns it; older versions stay for decoding old data. */
  public Secret rotateSecret(String name) {
    List<KeyMaterial> all = repository.findAll(name);
    int next = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
    createSecret(name, next);
    return currentSecret(name);
  }

  private void checkMaster() {
    Optional<KeyMaterial> check = repository.find(CHECK_NAME, 1);
    if (check.isEmpty()) {
      if (!repository.isEmpty()) {
        throw new KeyStoreException("the key store has keys but no master-key check record: it is damaged");
      }
      repository.insertIfAbsent(KeyMaterial.secret(CHECK_NAME, 1, wrap(CHECK_PLAIN, CHECK_NAME, 1)));
      return;
    }
    try {
      master.aead().decrypt(Base64.getDecoder().decode(check.get().material()), ad(CHECK_NAME, 1));
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("the master key (" + master.source() + ") does not open this key store: "
          + "it is not the key the data was created with");
    }
  }

  private KeyMaterial createBucket(String name) {
    try {
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      String wrapped = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, master.aead(), ad(name, 1));
      repository.insertIfAbsent(KeyMaterial.keyset(name, 1, wrapped));
      // Another node may have won the race: whatever is stored now is the bucket's key.
      return repository.find(name, 1).orElseThrow();
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("could not create the key of " + name, e);
    }
  }

  private Aead parseBucket(KeyMaterial material) {
    try {
      KeysetHandle handle = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
          material.material(), master.aead(), ad(material.name(), material.version()));
      return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("the key " + material.name() + " cannot be unwrapped with the master key", e);
    }
  }

  private void createSecret(String name, int version) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    repository.insertIfAbsent(KeyMaterial.secret(name, version, wrap(secret, name, version)));
  }

  private Secret unwrapSecret(KeyMaterial m) {
    try {
      byte[] plain = master.aead().decrypt(Base64.getDecoder().decode(m.material()), ad(m.name(), m.version()));
      return new Secret(m.name(), m.version(), plain);
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("the key " + m.name() + " cannot be unwrapped with the master key", e);
    }
  }

  private String wrap(byte[] plain, String name, int version) {
    try {
      return Base64.getEncoder().encodeToString(master.aead().encrypt(plain, ad(name, version)));
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("could not wrap the key " + name, e);
    }
  }

  /** Binds each wrapped key to its name and version, so rows cannot be swapped in the store. */
  private static byte[] ad(String name, int version) {
    return ("parcelveil/" + name + "/" + version).getBytes(StandardCharsets.UTF_8);
  }

  static String bucketName(LocalDate day) {
    return "bucket/" + day;
  }
}
