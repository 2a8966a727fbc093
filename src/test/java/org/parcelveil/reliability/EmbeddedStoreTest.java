package org.parcelveil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.ByteSearch;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * The embedded store as an attacker on the same machine meets it: no network listener, nothing readable by other
 * users, durable commits, and erased personal data physically gone from every live file after one retention run.
 */
class EmbeddedStoreTest {

  @Test
  void embeddedStore_listensOnNoNetworkAddress_andEveryFileIsPrivate() throws Exception {
    try (TestService svc = TestService.start("embedded")) {
      long postmaster = postmasterPid(svc.dataDir);
      assertThat(ListeningSockets.tcpListenersOf(postmaster)).as("TCP ports the database listens on").isEmpty();
      try (Connection c = svc.pv.database().connection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW listen_addresses")) {
        rs.next();
        assertThat(rs.getString(1)).isEmpty();
      }
      List<String> loose = new ArrayList<>();
      try (Stream<Path> all = Files.walk(svc.dataDir)) {
        all.forEach(p -> {
          try {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            boolean ok = Files.isDirectory(p) ? mode.equals("rwx------")
                : mode.equals("rw-------") || (!Files.isRegularFile(p) && mode.equals("rwx------"));
            if (!ok) {
              loose.add(svc.dataDir.relativize(p) + " " + mode);
            }
          } catch (IOException gone) {
            // a temporary file removed meanwhile
          }
        });
      }
      assertThat(loose).as("files and directories other users could read or enter").isEmpty();
    }
  }

  @Test
  void embeddedStore_commitsWithFsyncBeforeAnswering() throws Exception {
    try (TestService svc = TestService.start("embedded");
        Connection c = svc.pv.database().connection(); Statement s = c.createStatement()) {
      Map<String, String> settings = new HashMap<>();
      for (String name : List.of("fsync", "synchronous_commit", "full_page_writes", "wal_sync_method")) {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
          rs.next();
          settings.put(name, rs.getString(1));
        }
      }
      // PostgreSQL's documented guarantee: with fsync and synchronous_commit on, COMMIT returns only after the
      // commit record is flushed to durable storage by wal_sync_method (fdatasync on Linux).
      assertThat(settings).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on")
          .containsEntry("full_page_writes", "on");
      assertThat(settings.get("wal_sync_method")).isIn("fdatasync", "fsync", "open_datasync", "open_sync");
    }
  }

  @Test
  void earlyErasureAndShredding_leaveNoByteOfTheCiphertextOrBlindIndexInAnyLiveFile() throws Exception {
    try (TestService svc = TestService.start("embedded")) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      // Phones of its own: a blind index is the same for every shipment to one phone, and the other keeps its own.
      Map<String, Object> own = Fixtures.shipment("ER-1");
      own.put("sender", Fixtures.party("Qxsender Shop", "13800003333", "滨江区"));
      own.put("recipient", Fixtures.party(Fixtures.MARK_NAME + " 贾宝玉黛", "13911112222", "西湖区"));
      String erased = svc.post("/v1/shipments", merchant, own).json().get("waybill").asText();
      String kept = svc.post("/v1/shipments", merchant, Fixtures.shipment("ER-2")).json().get("waybill").asText();
      List<byte[]> secrets = personalBytes(svc, erased);
      LocalDate bucket = retentionDay(svc, erased);
      try (Connection c = svc.pv.database().connection(); Statement s = c.createStatement()) {
        s.execute("CHECKPOINT"); // the rows are in the table files now, not only in the log
      }
      assertThat(filesHolding(svc.dataDir, secrets)).as("the test finds the values before erasure").isNotEmpty();

      assertThat(svc.pv.erasures().erase(erased, bucket, svc.clock.instant())).isTrue();
      svc.pv.shredder().run(svc.clock.instant());

      assertThat(relations(svc, filesHolding(svc.dataDir, secrets))).as("files still holding erased bytes").isEmpty();
      assertThat(personalBytes(svc, kept)).as("other shipments keep their data").isNotEmpty();

      // Shredding: the bucket key's wrapped material goes the same way.
      List<byte[]> keyMaterial = bucketKeyMaterial(svc, bucket);
      assertThat(keyMaterial).isNotEmpty();
      svc.clock.advance(Duration.ofDays(95));
      assertThat(svc.pv.shredder().run(svc.clock.instant())).isNotEmpty();
      assertThat(relations(svc, filesHolding(svc.dataDir, keyMaterial))).as("files still holding a destroyed key")
          .isEmpty();
    }
  }

  /** Each file with the table or index it stores, so that a failure names what kept the bytes. */
  static List<String> relations(TestService svc, List<String> files) throws Exception {
    List<String> named = new ArrayList<>();
    for (String f : files) {
      String name = "";
      if (f.startsWith("pgdata/base/")) {
        try (Connection c = svc.pv.database().connection(); PreparedStatement ps = c.prepareStatement(
            "SELECT relname FROM pg_class WHERE pg_relation_filenode(oid) = ?")) {
          ps.setLong(1, Long.parseLong(f.substring(f.lastIndexOf('/') + 1).split("[._]")[0]));
          try (ResultSet rs = ps.executeQuery()) {
            name = rs.next() ? rs.getString(1) : "(no relation)";
          }
        }
      }
      named.add(f + " " + name);
    }
    return named;
  }

  static long postmasterPid(Path dataDir) throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid")).get(0).trim());
  }

  /** The erased shipment's ciphertexts and blind indexes, as stored. */
  static List<byte[]> personalBytes(TestService svc, String waybill) throws Exception {
    List<byte[]> out = new ArrayList<>();
    try (Connection c = svc.pv.database().connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT recipient_name, recipient_phone, recipient_street, recipient_detail, sender_phone, "
            + "recipient_phone_idx, sender_phone_idx FROM shipments WHERE waybill = ?")) {
      ps.setString(1, waybill);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        for (int i = 1; i <= 5; i++) {
          if (rs.getBytes(i) != null) {
            out.add(rs.getBytes(i));
          }
        }
        for (int i = 6; i <= 7; i++) {
          if (rs.getString(i) != null) {
            out.add(rs.getString(i).getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    return out;
  }

  static LocalDate retentionDay(TestService svc, String waybill) throws Exception {
    try (Connection c = svc.pv.database().connection();
        PreparedStatement ps = c.prepareStatement("SELECT retention_day FROM shipments WHERE waybill = ?")) {
      ps.setString(1, waybill);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, LocalDate.class);
      }
    }
  }

  static List<byte[]> bucketKeyMaterial(TestService svc, LocalDate bucket) throws Exception {
    List<byte[]> out = new ArrayList<>();
    try (Connection c = svc.pv.keys().database().connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT material FROM key_material WHERE name LIKE ? AND material IS NOT NULL")) {
      ps.setString(1, "%" + bucket + "%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  /** Every regular file under {@code dir} that holds any of {@code needles}, byte for byte. */
  static List<String> filesHolding(Path dir, List<byte[]> needles) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        byte[] content;
        try {
          content = Files.readAllBytes(p);
        } catch (IOException gone) {
          continue;
        }
        for (byte[] needle : needles) {
          if (ByteSearch.indexOf(content, needle) >= 0) {
            found.add(dir.relativize(p).toString());
            break;
          }
        }
      }
    }
    return found;
  }

}
