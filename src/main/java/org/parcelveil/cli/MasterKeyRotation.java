package org.parcelveil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.KeyStoreException;
import org.parcelveil.keys.MasterKey;
import org.parcelveil.keys.MasterKeyFiles;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.rotation.KeyRotation;
import org.parcelveil.store.Database;

/**
 * The master-key step of {@code keys rotate --master}. The new key is fixed before anything changes (read from its
 * file, created there if missing, or opened in the KMS), the re-wrap is one transaction, and the new key file is
 * installed only after it committed. Run again after a crash, it re-uses the same new key: before the commit it
 * simply rotates again; after the commit (the old key no longer opens the store, the new one does) it only
 * installs the key and logs the rotation.
 */
final class MasterKeyRotation {
  private enum Source { FILE, ENV, KMS }

  private final Settings settings;
  private final Map<String, String> env;
  private final @Nullable Path nextFile;
  private final @Nullable String nextUri;
  private final MasterKey next;
  private final Source source;

  MasterKeyRotation(Settings settings, Map<String, String> env, @Nullable Path newKeyFile, @Nullable String newKeyUri) {
    if (newKeyFile != null && newKeyUri != null) {
      throw new IllegalArgumentException("give --new-master-key-file or --new-master-key-uri, not both");
    }
    this.settings = settings;
    this.env = env;
    this.nextUri = newKeyUri;
    this.nextFile = newKeyUri != null ? null : newKeyFile != null ? newKeyFile : MasterKeyFiles.pending(settings.dataDir());
    this.next = newKeyUri != null ? MasterKeySource.load(settings.dataDir(), env, newKeyUri, false)
        : MasterKeyFiles.readOrCreate(nextFile);
    String uri = settings.keys().masterKeyUri() != null ? settings.keys().masterKeyUri() : env.get(MasterKeySource.URI_ENV);
    this.source = uri != null && !uri.isBlank() ? Source.KMS
        : env.get(MasterKeySource.ENV) != null && !env.get(MasterKeySource.ENV).isBlank() ? Source.ENV : Source.FILE;
  }

  /**
   * Finishes a rotation that an earlier run committed but did not install: true if it did (nothing else to do).
   */
  boolean finishIfCommitted(PrintStream out) {
    try (Database keyDb = Database.open(settings.keyStoreDatabase(), "keys", ParcelVeil.KEY_SCHEMA, 2)) {
      if (currentOpens(keyDb) || !KeyStore.opens(keyDb, next)) {
        return false;
      }
    }
    out.println("an earlier master-key rotation committed but was not finished; finishing it");
    install(out);
    Map<String, String> nextEnv = new HashMap<>(env);
    nextEnv.remove(MasterKeySource.URI_ENV);
    Settings nextSettings = settings.withKeys(settings.keys().withMasterKeyUri(nextUri));
    if (nextFile != null && source != Source.FILE) {
      nextEnv.put(MasterKeySource.ENV, read(nextFile));
    }
    try (ParcelVeil pv = ParcelVeil.open(nextSettings, nextEnv)) {
      KeyRotation.Done d = pv.keyRotation().masterCompleted(KeysCommand.ACTOR);
      out.println("rotated master to generation " + d.version() + ": " + d.detail());
    }
    return true;
  }

  /** Re-wraps every key under the new master key (the service is open with the current one). */
  void rotate(ParcelVeil pv, PrintStream out) {
    KeyRotation.Done d = pv.keyRotation().master(KeysCommand.ACTOR, next);
    out.println("rotated master to generation " + d.version() + ": " + d.detail());
  }

  /** Puts the new key where the nodes will find it, or says what the operator must do. */
  void install(PrintStream out) {
    Path dir = settings.dataDir();
    if (nextFile != null && source == Source.FILE) {
      MasterKeyFiles.install(dir, nextFile);
      out.println("the new master key is in " + MasterKeyFiles.current(dir) + "; services on this machine take it up "
          + "within their refresh interval. The old key is in " + dir.resolve(MasterKeyFiles.OLD)
          + ": it is needed only to restore key-store backups made before now; move it offline, or delete it.");
      return;
    }
    if (nextUri != null && source == Source.FILE) {
      move(MasterKeyFiles.current(dir), dir.resolve(MasterKeyFiles.OLD));
    }
    out.println(nextUri != null
        ? "start every node with --master-key-uri " + nextUri + " (or " + MasterKeySource.URI_ENV + ")."
        : "set " + MasterKeySource.ENV + " on every node to the content of " + nextFile + " (and drop any KMS URI), "
            + "restart them, then delete that file.");
  }

  private boolean currentOpens(Database keyDb) {
    try {
      return KeyStore.opens(keyDb, MasterKeySource.load(settings.dataDir(), env, settings.keys().masterKeyUri(), false));
    } catch (KeyStoreException e) {
      return false;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void move(Path from, Path to) {
    try {
      if (Files.exists(from)) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
