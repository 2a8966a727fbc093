package org.parcelveil.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.keys.KeyName;

/** Checkpoints: published when the tree grew, never one that fails to extend the last, verifiable across rotation. */
class CheckpointTest {

  private static Checkpoint body(String note) {
    return Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
  }

  @Test
  void publish_onlyWhenTheTreeGrew() {
    try (AuditFixture fx = AuditFixture.open("postgres")) {
      String empty = fx.publish();
      assertThat(empty).startsWith(AuditFixture.ORIGIN + "\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\u2014 "
          + AuditFixture.ORIGIN + " ");
      fx.append(0, 3);
      String three = fx.publish();
      assertThat(body(three).size()).isEqualTo(3);
      assertThat(fx.publish()).isEqualTo(three);
      assertThat(fx.module.publisher().latest()).contains(three);
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void publish_refusesToSignALogThatWasRolledBackOrRewritten(String kind) {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      fx.append(0, 10);
      String ten = fx.publish();
      fx.sql("DELETE FROM audit_entries WHERE idx >= 6");
      Insider.coverTracks(fx.db, Long.MAX_VALUE);
      assertThatThrownBy(fx::publish).isInstanceOf(AuditUnavailableException.class).hasMessageContaining("rolled back");
      fx.append(100, 8);
      assertThatThrownBy(fx::publish).isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("does not extend the published checkpoint of size 10");
      assertThat(fx.module.publisher().latest()).contains(ten);
    }
  }

  @Test
  void rotation_oldCheckpointsStillVerifyWithTheOldKey() throws Exception {
    try (AuditFixture fx = AuditFixture.open("postgres")) {
      fx.append(0, 2);
      String before = fx.publish();
      String oldKey = fx.module.verifierKeys().get(0);
      fx.keys.rotateSecret(KeyName.AUDIT_SIGNING);
      fx.append(2, 1);
      String after = fx.publish();
      List<String> keys = fx.module.verifierKeys();
      assertThat(keys).hasSize(2).startsWith(oldKey);
      String newKey = keys.get(1);
      assertThat(NoteKey.parse(newKey).keyId()).isNotEqualTo(NoteKey.parse(oldKey).keyId());

      assertThat(Notes.open(before, List.of(NoteKey.parse(oldKey)))).isEqualTo(body(before).text());
      assertThat(Notes.open(after, List.of(NoteKey.parse(newKey)))).isEqualTo(body(after).text());
      assertThat(AuditVerifier.storedKeys(fx.db.dataSource())).containsExactly(oldKey, newKey);

      assertThat(new AuditVerifier(fx.db.dataSource(), keys).verify(before).ok()).isTrue();
      AuditReport newOnly = new AuditVerifier(fx.db.dataSource(), List.of(newKey)).verify(null);
      assertThat(newOnly.ok()).isTrue();
      assertThat(newOnly.messages()).anyMatch(m -> m.contains("signed by a key not given"));
      AuditReport oldOnly = new AuditVerifier(fx.db.dataSource(), List.of(oldKey)).verify(null);
      assertThat(oldOnly.status()).isEqualTo(AuditReport.Status.FAILED);
    }
  }

  @Test
  void origin_isFixedByTheFirstCheckpoint() {
    try (AuditFixture fx = AuditFixture.open("postgres");
        AuditModule renamed = AuditModule.create(fx.db, fx.keys, "renamed.example/log", Clock.systemUTC(),
            Duration.ofHours(1))) {
      fx.publish();
      renamed.log().append(AuditFixture.reveal(1));
      String note = renamed.publisher().publishNow().orElseThrow();
      assertThat(body(note).origin()).isEqualTo(AuditFixture.ORIGIN);
      assertThat(renamed.publisher().origin()).isEqualTo(AuditFixture.ORIGIN);
      assertThat(renamed.verifierKeys().get(0)).startsWith(AuditFixture.ORIGIN + "+");
    }
  }

  @Test
  void verifier_rejectsBadInputsAsErrors() {
    try (AuditFixture fx = AuditFixture.open("postgres")) {
      fx.append(0, 1);
      String note = fx.publish();
      assertThat(fx.verifier().verify(note.replace("\n1\n", "\n2\n")).exitCode()).isEqualTo(2);
      assertThat(new AuditVerifier(fx.db.dataSource(), List.of()).verify(null).exitCode()).isEqualTo(2);
      assertThatThrownBy(() -> new AuditVerifier(fx.db.dataSource(), List.of("nonsense")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(fx.verifier().verify(note).exitCode()).isZero();
    }
  }

  @Test
  void defaultOrigin_isTheHostName() {
    assertThat(AuditModule.defaultOrigin()).matches("[a-z0-9.-]+/parcelveil");
  }
}
