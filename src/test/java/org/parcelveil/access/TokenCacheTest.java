package org.parcelveil.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;

/** The token cache on a hand-moved clock: when it answers, and when it looks the token up again. */
class TokenCacheTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicReference<String> mark = new AtomicReference<>("0/null");
  private final TokenCache cache = new TokenCache(mark::get, nanos::get);
  private final AtomicInteger lookUps = new AtomicInteger();
  private final Principal merchant = new Principal("pr_1", Role.MERCHANT, "Shop", null, Instant.EPOCH, null);
  private final Supplier<Optional<Principal>> lookUp = () -> {
    lookUps.incrementAndGet();
    return Optional.of(merchant);
  };

  @Test
  void beforeTheFirstCheck_everyRequestLooksUp() {
    cache.get("h", lookUp);
    cache.get("h", lookUp);
    assertThat(lookUps).hasValue(2);
  }

  @Test
  void checked_answersFromTheCache() {
    cache.check();
    assertThat(cache.get("h", lookUp)).contains(merchant);
    assertThat(cache.get("h", lookUp)).contains(merchant);
    assertThat(lookUps).hasValue(1);
  }

  @Test
  void aRevocationElsewhere_dropsTheEntriesAtTheNextCheck() {
    cache.check();
    cache.get("h", lookUp);
    mark.set("1/2026-12-07 12:00:00+00");
    cache.check();
    cache.get("h", lookUp);
    assertThat(lookUps).hasValue(2);
  }

  @Test
  void aRevocationHere_dropsTheEntriesAtOnce() {
    cache.check();
    cache.get("h", lookUp);
    cache.invalidate();
    cache.get("h", lookUp);
    assertThat(lookUps).hasValue(2);
  }

  @Test
  void noSuccessfulCheckWithinTheBound_looksUpAgain() {
    cache.check();
    cache.get("h", lookUp);
    nanos.addAndGet(TokenCache.BOUND.toNanos());
    cache.get("h", lookUp);
    mark.set(null); // the check fails: the database is unreachable
    try {
      cache.check();
    } catch (NullPointerException expected) {
      // as a failed read would
    }
    cache.get("h", lookUp);
    assertThat(lookUps).hasValue(3);
  }

  @Test
  void aLookUpOverlappingARevocation_isNotKept() {
    cache.check();
    cache.get("h", () -> {
      lookUps.incrementAndGet();
      cache.invalidate(); // the revocation commits while this look-up runs
      return Optional.of(merchant);
    });
    cache.get("h", lookUp);
    assertThat(lookUps).hasValue(2);
  }

  @Test
  void unknownTokens_areNotCached() {
    cache.check();
    cache.get("x", () -> {
      lookUps.incrementAndGet();
      return Optional.empty();
    });
    assertThat(cache.get("x", lookUp)).contains(merchant);
    assertThat(lookUps).hasValue(2);
  }
}
