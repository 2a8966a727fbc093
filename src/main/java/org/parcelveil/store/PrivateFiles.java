package org.parcelveil.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Files and directories only their owner may read: the data directory (0700) and what the service writes into it
 * (0600). Each is created with its mode, never created and then narrowed, so there is no window under the umask.
 */
public final class PrivateFiles {
  private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
      .contains("posix");
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates {@code dir} (and missing parents) with mode 0700; an existing directory is narrowed to 0700, since an
   * earlier release left its data directory 0755.
   */
  public static Path directory(Path dir) {
    try {
      Path absolute = dir.toAbsolutePath();
      if (Files.isDirectory(absolute)) {
        if (POSIX && !Files.getPosixFilePermissions(absolute).equals(DIR)) {
          Files.setPosixFilePermissions(absolute, DIR);
        }
        return absolute;
      }
      Path parent = absolute.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createDirectory(absolute, directoryMode());
      } catch (FileAlreadyExistsException raced) {
        return directory(absolute);
      }
      return absolute;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the private directory " + dir, e);
    }
  }

  /**
   * Writes {@code bytes} to {@code file} atomically: a sibling temporary file is created with mode 0600, written,
   * forced to disk and renamed over {@code file}, and the directory is forced too, so the rename itself survives a
   * power loss. A reader sees the old content or the new, never a part.
   */
  public static void write(Path file, byte[] bytes) {
    Path target = file.toAbsolutePath();
    Path staged = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(staged);
      try (FileChannel ch = FileChannel.open(staged, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          fileMode())) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      forceDirectory(target.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      try {
        Files.deleteIfExists(staged);
      } catch (IOException ignored) {
        // the rename consumed it, or the failure above is the one to report
      }
    }
  }

  /** fsync of a directory: on Linux a directory opens for reading and forces like a file; elsewhere it may not. */
  private static void forceDirectory(Path dir) throws IOException {
    if (!POSIX) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Creates an empty file with mode 0600 if it does not exist yet (an existing one is narrowed to 0600). */
  public static Path file(Path file) {
    try {
      try {
        Files.createFile(file, fileMode());
      } catch (FileAlreadyExistsException exists) {
        if (POSIX) {
          Files.setPosixFilePermissions(file, FILE);
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  static FileAttribute<?>[] directoryMode() {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR)} : new FileAttribute<?>[0];
  }

  static FileAttribute<?>[] fileMode() {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
  }

  /** Deletes a directory and everything in it; nothing if it is not there. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
