package org.parcelveil.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Database;

/**
 * Every key the service uses, each wrapped under the master key and kept in a store apart from the shipment data:
 * AEAD keysets (the retention buckets, the work-phone key) and versioned raw secrets (waybill, blind-index, QR and
 * signing keys).
 *
 * <p>Destroying a bucket key crypto-shreds every shipment whose retention ends that day, backups included. The
 * master key can be rotated while other processes use the store: they notice the new generation and load the new
 * key from their source ({@link #refreshMaster()}).
 *
 * <p>Named keys ({@link KeyName}) are created only by {@link #provision()}, where the service starts; reading one
 * the store does not hold is an error, so a wrong name can never quietly make a new key.
 */
public final class KeyStore {
  private static final String CHECK_NAME = KeyMaterialRepository.CHECK_NAME;
  private static final byte[] CHECK_PLAIN = "parcelveil master key check".getBytes(StandardCharsets.US_ASCII);
  /** How long a node may keep using a keyset (a bucket key) after another node destroyed it. */
  static final Duration CACHE_TTL = Duration.ofSeconds(30);

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final KeyMaterialRepository repository;
  private final Supplier<MasterKey> masterSource;
  private final SecureRandom random = new SecureRandom();
  private final Cache<String, Aead> keysets =
      Caffeine.newBuilder().expireAfterWrite(CACHE_TTL).maximumSize(10_000).build();
  private final Database database;
  private volatile Master master;

  /** The master key in use and the generation of the store it opens. */
  private record Master(MasterKey key, int generation) {}

  public KeyStore(Database database, MasterKey master) {
    this(database, () -> master);
  }

  /** A key store whose master key comes from {@code masterSource}, asked again after a rotation elsewhere. */
  public KeyStore(Database database, Supplier<MasterKey> masterSource) {
    this(database, masterSource.get(), masterSource);
  }

  /** A key store opened with {@code master}; {@code reload} gives the key again after a rotation elsewhere. */
  public KeyStore(Database database, MasterKey master, Supplier<MasterKey> reload) {
    this.database = database;
    this.repository = new KeyMaterialRepository(database.dataSource());
    this.masterSource = reload;
    this.master = open(master);
  }

  /** The key store's own database (for operators' backups, which follow the retention window). */
  public Database database() {
    return database;
  }

  /** True if the store holds no key yet (a brand-new installation). */
  public static boolean isEmpty(Database database) {
    return new KeyMaterialRepository(database.dataSource()).isEmpty();
  }

  /** True if {@code key} opens the store (a store with no keys yet is opened by any key). */
  public static boolean opens(Database database, MasterKey key) {
    Optional<KeyMaterial> check = new KeyMaterialRepository(database.dataSource()).find(CHECK_NAME, 1);
    if (check.isEmpty()) {
      return true;
    }
    try {
      Wrapping.unwrapSecret(key.aead(), check.get());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Every named key that the store does not hold yet, created: run where the service starts (a first start, or an
   * upgrade that added a name), so that reads never create. Returns the names created; safe on several nodes at once.
   */
  public List<KeyName> provision() {
    List<KeyName> created = new ArrayList<>();
    for (KeyName name : KeyName.values()) {
      boolean missing = name.kind() == KeyName.Kind.SECRET
          ? repository.findAll(name.stored()).isEmpty()
          : repository.find(name.stored(), 1).isEmpty();
      if (missing) {
        if (name.kind() == KeyName.Kind.SECRET) {
          createSecret(name.stored(), 1, null);
        } else {
          createKeyset(name.stored());
        }
        created.add(name);
      }
    }
    return created;
  }

  /** The AEAD to seal data whose retention ends on {@code day}: the bucket's key, created by its first shipment. */
  public Aead sealingBucket(LocalDate day) {
    return keyset(bucketName(day), true);
  }

  /**
   * The AEAD of the retention bucket whose retention ends on {@code day}, to open data sealed under it.
   *
   * @throws KeyDestroyedException if it was destroyed
   * @throws NoSuchKeyException if no data was ever sealed for that day
   */
  public Aead bucket(LocalDate day) {
    return keyset(bucketName(day), false);
  }

  /**
   * The AEAD of the named keyset.
   *
   * @throws KeyDestroyedException if it was destroyed
   * @throws NoSuchKeyException if it was never provisioned
   */
  public Aead keyset(KeyName name) {
    requireKind(name, KeyName.Kind.KEYSET);
    return keyset(name.stored(), false);
  }

  private Aead keyset(String name, boolean create) {
    Aead cached = keysets.getIfPresent(name);
    if (cached != null) {
      return cached;
    }
    Optional<KeyMaterial> found = repository.find(name, 1);
    KeyMaterial material = create ? found.orElseGet(() -> createKeyset(name))
        : found.orElseThrow(() -> new NoSuchKeyException(name));
    if (material.isDestroyed()) {
      throw new KeyDestroyedException(name);
    }
    Aead aead = parseKeyset(material);
    keysets.put(name, aead);
    return aead;
  }

  /** True if the bucket's key has been destroyed. */
  public boolean isBucketDestroyed(LocalDate day) {
    return repository.find(bucketName(day), 1).map(KeyMaterial::isDestroyed).orElse(false);
  }

  /** Destroys the bucket's key for good; returns false if it was already gone or never existed. */
  public boolean destroyBucket(LocalDate day) {
    keysets.invalidate(bucketName(day));
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

  /**
   * Every live version of the named raw secret, newest last.
   *
   * @throws NoSuchKeyException if it was never provisioned
   */
  public List<Secret> secrets(KeyName name) {
    return live(name).stream().map(this::unwrapSecret).toList();
  }

  /** The newest version of the named raw secret. */
  public Secret currentSecret(KeyName name) {
    List<Secret> all = secrets(name);
    return all.get(all.size() - 1);
  }

  /** Adds a new version of the named secret and returns it; older versions stay for decoding old data. */
  public Secret rotateSecret(KeyName name) {
    return rotateSecret(name, null);
  }

  /** As {@link #rotateSecret(KeyName)}, recording non-secret {@code params} (see {@link KeyParams}) with it. */
  public Secret rotateSecret(KeyName name, @Nullable String params) {
    List<KeyMaterial> all = stored(name);
    createSecret(name.stored(), all.get(all.size() - 1).version() + 1, params);
    return currentSecret(name);
  }

  /** Destroys one old version of a secret (retiring it); the newest live version cannot be destroyed. */
  public boolean destroySecret(KeyName name, int version) {
    List<KeyMaterial> live = live(name);
    if (live.get(live.size() - 1).version() == version) {
      throw new KeyStoreException("the newest version of " + name.stored() + " is in use and cannot be retired");
    }
    return repository.destroy(name.stored(), version);
  }

  /** Every stored version of a named secret, destroyed ones included, oldest first. */
  private List<KeyMaterial> stored(KeyName name) {
    requireKind(name, KeyName.Kind.SECRET);
    List<KeyMaterial> all = repository.findAll(name.stored());
    if (all.isEmpty()) {
      throw new NoSuchKeyException(name.stored());
    }
    return all;
  }

  private List<KeyMaterial> live(KeyName name) {
    List<KeyMaterial> live = stored(name).stream().filter(m -> !m.isDestroyed()).toList();
    if (live.isEmpty()) {
      throw new KeyDestroyedException(name.stored());
    }
    return live;
  }

  private static void requireKind(KeyName name, KeyName.Kind kind) {
    if (name.kind() != kind) {
      throw new IllegalArgumentException(name.stored() + " is a " + name.kind() + ", not a " + kind);
    }
  }

  /** Every key version except the bucket keys, without material. */
  public List<KeyVersion> versions() {
    return repository.versionsButBuckets();
  }

  /** The master-key generation this store is wrapped under (1 until the first master-key rotation). */
  public int masterGeneration() {
    return master.generation();
  }

  /** Where the master key in use came from, never the key. */
  public String masterSource() {
    return master.key().source();
  }

  /**
   * Checks whether another process rotated the master key; if so, loads the key again from its source and checks
   * it. Returns true if a new key was taken up.
   *
   * @throws KeyStoreException if the store moved to a key this process's source does not give
   */
  public boolean refreshMaster() {
    int stored = repository.find(CHECK_NAME, 1).map(KeyMaterial::masterGen).orElse(master.generation());
    if (stored == master.generation()) {
      return false;
    }
    this.master = open(masterSource.get());
    keysets.invalidateAll();
    return true;
  }

  /** Re-wraps every key under {@code next} in one transaction and uses it from then on; returns the rows re-wrapped. */
  public int rotateMaster(MasterKey next) {
    return rotateMaster(next, n -> { });
  }

  int rotateMaster(MasterKey next, IntConsumer progress) {
    Master current = master;
    int rows = MasterRotation.rewrap(repository.sql(), current.key().aead(), current.generation(), next.aead(),
        progress);
    this.master = open(next);
    keysets.invalidateAll();
    return rows;
  }

  private Master open(MasterKey key) {
    Optional<KeyMaterial> check = repository.find(CHECK_NAME, 1);
    if (check.isEmpty()) {
      if (!repository.isEmpty()) {
        throw new KeyStoreException("the key store has keys but no master-key check record: it is damaged");
      }
      repository.insertIfAbsent(
          KeyMaterial.secret(CHECK_NAME, 1, Wrapping.wrapSecret(key.aead(), CHECK_PLAIN, CHECK_NAME, 1), 1, null));
      check = repository.find(CHECK_NAME, 1);
    }
    try {
      Wrapping.unwrapSecret(key.aead(), check.orElseThrow());
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("the master key (" + key.source() + ") does not open this key store: "
          + "it is not the key the data was created with");
    }
    return new Master(key, check.get().masterGen());
  }

  private KeyMaterial createKeyset(String name) {
    try {
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      insert(m -> KeyMaterial.keyset(name, 1, Wrapping.wrapKeyset(m.key().aead(), handle, name, 1), m.generation()));
      // Another node may have won the race: whatever is stored now is the key.
      return repository.find(name, 1).orElseThrow();
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("could not create the key of " + name, e);
    }
  }

  private void createSecret(String name, int version, @Nullable String params) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    insert(m -> KeyMaterial.secret(name, version, Wrapping.wrapSecret(m.key().aead(), secret, name, version),
        m.generation(), params));
  }

  /** Inserts a row wrapped under the current master generation, taking up a new master key once if needed. */
  private void insert(java.util.function.Function<Master, KeyMaterial> row) {
    if (repository.insertUnderGeneration(row.apply(master))) {
      return;
    }
    refreshMaster();
    if (!repository.insertUnderGeneration(row.apply(master))) {
      throw new KeyStoreException("the master key is being rotated; retry shortly");
    }
  }

  private Aead parseKeyset(KeyMaterial material) {
    Master m = masterFor(material);
    try {
      return Wrapping.unwrapKeyset(m.key().aead(), material).getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("the key " + material.name() + " cannot be unwrapped with the master key", e);
    }
  }

  private Secret unwrapSecret(KeyMaterial m) {
    Master current = masterFor(m);
    try {
      return new Secret(m.name(), m.version(), Wrapping.unwrapSecret(current.key().aead(), m), m.params());
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("the key " + m.name() + " cannot be unwrapped with the master key", e);
    }
  }

  /** The master key for a row: a row of a newer generation means the key was rotated elsewhere; take it up. */
  private Master masterFor(KeyMaterial row) {
    if (row.masterGen() != master.generation()) {
      refreshMaster();
    }
    return master;
  }

  static String bucketName(LocalDate day) {
    return "bucket/" + day;
  }
}
