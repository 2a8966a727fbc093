package org.parcelveil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
  @TempDir
  Path dir;

  @Test
  void write_replacesWholly_withMode0600_andLeavesNoStagedFile() throws Exception {
    Path private_ = PrivateFiles.directory(dir.resolve("keys"));
    Path file = private_.resolve("state");
    Files.writeString(file, "old and longer than the new content");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    PrivateFiles.write(file, "new".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(file)).isEqualTo("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(private_))).isEqualTo("rwx------");
    try (var listing = Files.list(private_)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("state");
    }
  }
}
