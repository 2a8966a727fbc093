package org.parcelveil.keys;

import org.parcelveil.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Master-key files: {@code master.key} (the key in use), {@code master.key.new} (the key a rotation moves to,
 * written before the rotation starts so that a crash never loses it) and {@code master.key.old} (the key before the
 * last rotation, for restoring older key-store backups). Each is base64 of 32 bytes, mode 0600, written durably.
 */
public final class MasterKeyFiles {
  public static final String PENDING = MasterKeySource.FILE + ".new";
  public static final String OLD = MasterKeySource.FILE + ".old";

  private MasterKeyFiles() {}

  public static Path current(Path dataDir) {
    return dataDir.resolve(MasterKeySource.FILE);
  }

  public static Path pending(Path dataDir) {
    return dataDir.resolve(PENDING);
  }

  /** The key in {@code file}, if the file exists. */
  public static Optional<MasterKey> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return Optional.of(MasterKey.ofBytes(MasterKeySource.decode(text, file.toString()), file.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the master key file " + file, e);
    }
  }

  /** The key in {@code file}; a new random key written there first if the file does not exist. */
  public static MasterKey readOrCreate(Path file) {
    Optional<MasterKey> existing = read(file);
    if (existing.isPresent()) {
      return existing.get();
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    writePrivate(file, Base64.getEncoder().encodeToString(key) + "\n");
    return MasterKey.ofBytes(key, file.toString());
  }

  /**
   * Makes the key in {@code newKey} the data directory's {@code master.key}; the key it replaces is kept as
   * {@code master.key.old}. Each step is an atomic rename, so a crash leaves either key in place, never neither.
   */
  public static void install(Path dataDir, Path newKey) {
    Path current = current(dataDir);
    try {
      String text = Files.readString(newKey, StandardCharsets.US_ASCII);
      Path staged = dataDir.resolve(MasterKeySource.FILE + ".staged");
      writePrivate(staged, text);
      if (Files.exists(current)) {
        // The old key is a secret like the new one: written the same way, never a plain copy.
        PrivateFiles.write(dataDir.resolve(OLD), Files.readAllBytes(current));
      }
      Files.move(staged, current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      if (newKey.equals(pending(dataDir))) {
        Files.delete(newKey);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not install the new master key as " + current, e);
    }
  }

  /** Writes {@code text} to {@code file}: mode 0600 from its creation, forced to disk, renamed into place. */
  static void writePrivate(Path file, String text) {
    PrivateFiles.directory(file.toAbsolutePath().getParent());
    PrivateFiles.write(file, text.getBytes(StandardCharsets.US_ASCII));
  }

}
