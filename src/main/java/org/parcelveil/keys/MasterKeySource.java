package org.parcelveil.keys;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key, first match wins: a KMS key URI ({@code --master-key-uri}, else {@value #URI_ENV}), the
 * {@value #ENV} environment variable (base64 of 32 bytes), the file {@code DIR/master.key}. Creates the file only
 * for a data directory that holds no data yet: a new key over existing data would make that data unreadable.
 */
public final class MasterKeySource {
  public static final String ENV = "PARCELVEIL_MASTER_KEY";
  public static final String URI_ENV = "PARCELVEIL_MASTER_KEY_URI";
  public static final String FILE = "master.key";
  private static final Logger LOG = LoggerFactory.getLogger(MasterKeySource.class);

  private MasterKeySource() {}

  /** Loads the master key from the environment or the file; creates one only if {@code mayCreate}. */
  public static MasterKey load(Path dataDir, Map<String, String> env, boolean mayCreate) {
    return load(dataDir, env, null, mayCreate);
  }

  /** Loads the master key, from the KMS key {@code uri} if given; creates a file key only if {@code mayCreate}. */
  public static MasterKey load(Path dataDir, Map<String, String> env, @Nullable String uri, boolean mayCreate) {
    String kmsUri = uri != null && !uri.isBlank() ? uri : env.get(URI_ENV);
    if (kmsUri != null && !kmsUri.isBlank()) {
      return KmsMasterKeys.open(kmsUri.trim(), env);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return MasterKey.ofBytes(decode(fromEnv.trim(), "environment variable " + ENV), "env:" + ENV);
    }
    Path file = MasterKeyFiles.current(dataDir);
    Optional<MasterKey> fromFile = MasterKeyFiles.read(file);
    if (fromFile.isPresent()) {
      return fromFile.get();
    }
    if (!mayCreate) {
      throw new KeyStoreException("the data in " + dataDir + " is encrypted, but its master key is missing: restore "
          + file + " or set " + ENV + ". A new key would not open the existing data, so none is created.");
    }
    MasterKey created = MasterKeyFiles.readOrCreate(file);
    LOG.warn("created a new master key in {}. Production keeps the master key in a KMS, not beside the data.", file);
    return created;
  }

  static byte[] decode(String base64, String where) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new KeyStoreException("the master key in " + where + " is not valid base64");
    }
  }
}
