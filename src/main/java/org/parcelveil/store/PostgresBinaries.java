package org.parcelveil.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries that ship inside the service (a Maven artifact, nothing to install), unpacked
 * once into a private cache directory named after the archive's SHA-256, so a changed archive never reuses a stale
 * or tampered copy of another version. The cache is never world-writable: a binary another user could replace
 * would run as the service's user.
 */
final class PostgresBinaries {
  private PostgresBinaries() {}

  /** The directory holding {@code bin/postgres} and {@code bin/initdb}, unpacked if needed. */
  static Path install() {
    String resource = resourceName();
    byte[] archive = readArchive(resource);
    String digest = sha256(archive);
    Path root = PrivateFiles.directory(cacheRoot());
    Path target = root.resolve("postgresql-" + digest.substring(0, 16));
    if (Files.isExecutable(target.resolve("bin/postgres"))) {
      return target;
    }
    Path staging = root.resolve(target.getFileName() + ".unpacking-" + ProcessHandle.current().pid());
    try {
      PrivateFiles.deleteTree(staging);
      PrivateFiles.directory(staging);
      unpack(archive, staging);
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        // another process unpacked the same archive first: use theirs
        if (!Files.isExecutable(target.resolve("bin/postgres"))) {
          throw raced;
        }
        PrivateFiles.deleteTree(staging);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the embedded PostgreSQL into " + root, e);
    }
  }

  /** {@code PARCELVEIL_ENGINE_CACHE}, else {@code $XDG_CACHE_HOME/parcelveil}, else {@code ~/.cache/parcelveil}. */
  private static Path cacheRoot() {
    String explicit = System.getenv("PARCELVEIL_ENGINE_CACHE");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("parcelveil");
  }

  private static String resourceName() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new IllegalStateException("the embedded store ships PostgreSQL for Linux x86-64 only; on " + os + "/"
          + arch + " run PostgreSQL and start with --db-url");
    }
    return "postgres-linux-x86_64.txz";
  }

  private static byte[] readArchive(String resource) {
    try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the embedded PostgreSQL (" + resource + ") is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded PostgreSQL", e);
    }
  }

  private static void unpack(byte[] archive, Path into) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new XZCompressorInputStream(new BufferedInputStream(new java.io.ByteArrayInputStream(archive))))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path out = into.resolve(entry.getName()).normalize();
        if (!out.startsWith(into)) {
          throw new IOException("archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          boolean executable = (entry.getMode() & 0100) != 0;
          Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
        }
      }
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
