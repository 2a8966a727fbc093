package org.parcelveil.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The canonical bytes of docs/audit.md, byte for byte. */
class EntryCodecTest {
  private static final byte[] NONCE = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

  @Test
  void encode_matchesDocumentedLayout() {
    AuditRecord r = new AuditRecord("reveal", "p1", "courier", "W1", "recipient", null, null,
        AuditRecord.Outcome.REFUSED, "x");
    AuditEntry e = new AuditEntry(7, Instant.ofEpochSecond(1, 2_000), NONCE, r);
    String expected = "01" + "0000000000000007" + "00000000000f4242" + "000102030405060708090a0b0c0d0e0f"
        + "0006" + hex("reveal") + "0002" + hex("p1") + "0007" + hex("courier")
        + "01" + "0002" + hex("W1") + "01" + "0009" + hex("recipient") + "00" + "00"
        + "01" + "01" + "0001" + hex("x");
    assertThat(HexFormat.of().formatHex(e.canonical())).isEqualTo(expected);
  }

  @Test
  void encode_distinguishesAbsentFromMovedFields() {
    AuditRecord a = new AuditRecord("reveal", "p1", "courier", "W1", null, null, null, AuditRecord.Outcome.ALLOWED, null);
    AuditRecord b = new AuditRecord("reveal", "p1", "courier", null, "W1", null, null, AuditRecord.Outcome.ALLOWED, null);
    Instant t = Instant.EPOCH;
    assertThat(new AuditEntry(0, t, NONCE, a).canonical()).isNotEqualTo(new AuditEntry(0, t, NONCE, b).canonical());
    assertThat(new AuditEntry(0, t, NONCE, a).canonical()).isNotEqualTo(new AuditEntry(1, t, NONCE, a).canonical());
  }

  @Test
  void check_rejectsOversizedAndControlCharacters() {
    assertThatThrownBy(() -> EntryCodec.check(AuditRecord.admin("Principal.Create", "p", "admin", null)))
        .hasMessageContaining("action");
    assertThatThrownBy(() -> EntryCodec.check(AuditRecord.admin("principal.create", "p\n", "admin", null)))
        .hasMessageContaining("principalId");
    assertThatThrownBy(() -> EntryCodec.check(AuditRecord.admin("principal.create", "p", "admin", "r".repeat(201))))
        .hasMessageContaining("reason");
    EntryCodec.check(AuditRecord.admin("principal.create", "p", "admin", "pr_123"));
  }

  @Test
  void micros_roundTrip_beforeAndAfterEpoch() {
    for (Instant t : new Instant[] {Instant.parse("2026-11-29T06:08:00.123456Z"), Instant.parse("1969-12-31T23:59:59.999999Z")}) {
      assertThat(EntryCodec.fromMicros(EntryCodec.micros(t))).isEqualTo(t);
    }
  }

  private static String hex(String s) {
    return HexFormat.of().formatHex(s.getBytes());
  }
}
