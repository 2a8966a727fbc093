package org.parcelveil.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PasswordsTest {
  private final Passwords passwords = new Passwords(1024, 1);

  @Test
  void hash_isArgon2idPhc_andVerifies() {
    String h = passwords.hash("correct horse battery".toCharArray());
    assertThat(h).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    assertThat(passwords.verify("correct horse battery".toCharArray(), h)).isTrue();
    assertThat(passwords.verify("correct horse batterz".toCharArray(), h)).isFalse();
  }

  @Test
  void samePassword_getsDifferentSalts() {
    assertThat(passwords.hash("same password here".toCharArray()))
        .isNotEqualTo(passwords.hash("same password here".toCharArray()));
  }

  @Test
  void malformedHashes_neverVerify() {
    for (String bad : new String[] {null, "", "$argon2i$v=19$m=1024,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=1,t=1,p=1$A$A",
        "$argon2id$v=19$x=1$AAAA$AAAA", "plain"}) {
      assertThat(passwords.verify("x".toCharArray(), bad)).isFalse();
    }
  }

  @Test
  void olderParameters_stillVerify_butAskForRehash() {
    String old = passwords.hash("a long enough password".toCharArray());
    Passwords stronger = new Passwords(2048, 2);
    assertThat(stronger.verify("a long enough password".toCharArray(), old)).isTrue();
    assertThat(stronger.needsRehash(old)).isTrue();
    assertThat(passwords.needsRehash(old)).isFalse();
  }

  @Test
  void lockout_backsOffExponentially_upToItsCap() {
    Lockout l = Lockout.STANDARD;
    assertThat(l.delayAfter(4)).isZero();
    assertThat(l.delayAfter(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(l.delayAfter(6)).isEqualTo(Duration.ofSeconds(60));
    assertThat(l.delayAfter(8)).isEqualTo(Duration.ofSeconds(240));
    assertThat(l.delayAfter(50)).isEqualTo(Duration.ofMinutes(15));
  }
}
