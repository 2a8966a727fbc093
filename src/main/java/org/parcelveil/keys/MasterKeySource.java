package org.parcelveil.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key: the {@code PARCELVEIL_MASTER_KEY} environment variable (base64 of 32 bytes), else the
 * file {@code DIR/master.key}. Creates the file only for a data directory that holds no data yet: a new key over
 * existing data would make that data unreadable.
 */
public final class MasterKeySource {
  public static final String ENV = "PARCELVEIL_MASTER_KEY";
  public static final String FILE = "master.key";
  private static final Logger LOG = LoggerFactory.getLogger(MasterKeySource.class);

  private MasterKeySource() {}

  /** Loads the master key; creates one only if {@code mayCreate} (a brand-new store). */
  public static MasterKey load(Path dataDir, Map<String, String> env, boolean mayCreate) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return MasterKey.ofBytes(decode(fromEnv.trim(), "environment variable " + ENV), "env:" + ENV);
    }
    Path file = dataDir.resolve(FILE);
    Optional<String> text = read(file);
    if (text.isPresent()) {
      return MasterKey.ofBytes(decode(text.get().trim(), file.toString()), file.toString());
    }
    if (!mayCreate) {
      throw new KeyStoreException("the data in " + dataDir + " is encrypted, but its master key is missing: restore "
          + file + " or set " + ENV + ". A new key would not open the existing data, so none is created.");
    }
    return create(file);
  }

  private static MasterKey create(Path file) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        LOG.warn("could not restrict the permissions of {}: protect it by other means", file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the master key file " + file, e);
    }
    LOG.warn("created a new master key in {}. Production keeps the master key in a KMS, not beside the data.", file);
    return MasterKey.ofBytes(key, file.toString());
  }

  private static Optional<String> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the master key file " + file, e);
    }
  }

  private static byte[] decode(String base64, String where) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new KeyStoreException("the master key in " + where + " is not valid base64");
    }
  }
}
