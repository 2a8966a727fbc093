package org.parcelveil.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.parcelveil.store.PrivateFiles;

/**
 * The witness's durable memory: for each log, the signed checkpoint it last cosigned, one file per log under
 * {@code logs/}, named by the SHA-256 of the origin. A write is fsynced, renamed over the old file and the directory
 * fsynced before {@link #save} returns, so after a crash the file holds the old checkpoint or the new one, and the
 * new one if its cosignature was sent. Notes that prove a log misbehaved go to {@code evidence/}, at most
 * {@link #MAX_EVIDENCE} of them. The directory is locked: two witness processes never share one state.
 */
final class WitnessState implements AutoCloseable {
  static final int MAX_EVIDENCE = 1_000;

  private final Path logs;
  private final Path evidence;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private WitnessState(Path logs, Path evidence, FileChannel lockChannel, FileLock lock) {
    this.logs = logs;
    this.evidence = evidence;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  static WitnessState open(Path dir) {
    Path root = PrivateFiles.directory(dir);
    Path logs = PrivateFiles.directory(root.resolve("logs"));
    Path evidence = PrivateFiles.directory(root.resolve("evidence"));
    try {
      FileChannel channel = FileChannel.open(PrivateFiles.file(root.resolve("witness.lock")), StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException held) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("another witness is using " + root);
      }
      return new WitnessState(logs, evidence, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + root, e);
    }
  }

  /** The signed note last cosigned for {@code origin}, if any. */
  Optional<String> load(String origin) {
    Path file = logs.resolve(fileName(origin) + ".note");
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the witness state " + file, e);
    }
  }

  /** Makes {@code note} the one last cosigned for {@code origin}, durably, before returning. */
  void save(String origin, String note) {
    PrivateFiles.write(logs.resolve(fileName(origin) + ".note"), note.getBytes(StandardCharsets.UTF_8));
    syncDirectory(logs);
  }

  /**
   * Keeps a signed note that contradicts what the witness cosigned (a fork, or a bad consistency proof): signed by the
   * log's own key, it is evidence of a split view. Best effort and bounded: a full directory keeps its first ones.
   */
  void keepEvidence(String origin, long size, String note) {
    String name = fileName(origin).substring(0, 16) + "-" + size + "-"
        + HexFormat.of().formatHex(VerifierKey.sha256(note.getBytes(StandardCharsets.UTF_8))).substring(0, 16) + ".note";
    try (Stream<Path> kept = Files.list(evidence)) {
      if (kept.count() >= MAX_EVIDENCE || Files.exists(evidence.resolve(name))) {
        return;
      }
      PrivateFiles.write(evidence.resolve(name), note.getBytes(StandardCharsets.UTF_8));
    } catch (IOException | UncheckedIOException e) {
      // The refusal stands either way; the log of the witness says what happened.
    }
  }

  private static String fileName(String origin) {
    return HexFormat.of().formatHex(VerifierKey.sha256(origin.getBytes(StandardCharsets.UTF_8)));
  }

  /** A rename is durable only once the directory holding it is on disk. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync " + dir, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // the process is ending or the file is gone: the lock goes with it
    }
  }
}
