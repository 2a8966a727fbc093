package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parcelveil.identity.Role;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.KeyVersion;
import org.parcelveil.retention.RetentionStatus;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;

/**
 * The admin's retention and key status: the retention policy, the last run, the parcels whose personal data is
 * held and when it is shredded; every key version with its dates and standing, and the master key's generation and source.
 * Read-only, and never any key material: the key store's listing has none to give.
 */
public final class StatusPages {
  static final int DAYS_AHEAD = 7;
  static final int SHRED_DAYS_LISTED = 10;
  private final Gate gate;
  private final RetentionStatus retention;
  private final KeyStore keys;
  private final Views views;
  private final Clock clock;

  StatusPages(Gate gate, RetentionStatus retention, KeyStore keys, Views views, Clock clock) {
    this.gate = gate;
    this.retention = retention;
    this.keys = keys;
    this.views = views;
    this.clock = clock;
  }

  /** A key version as the page lists it, with its standing among the versions of its name. */
  public record KeyRow(KeyVersion key, boolean current) {
    /** {@code current} signs and encrypts; an older live version still opens what it made; a destroyed one is gone. */
    public String standingKey() {
      return key.destroyed() ? "keys.retired" : current ? "keys.current" : "keys.older";
    }

    public String created() {
      return PageTimes.shown(key.createdAt());
    }

    public String retired() {
      return key.destroyedAt() == null ? "" : PageTimes.shown(key.destroyedAt());
    }
  }

  public void register(RoutesConfig routes) {
    routes.get("/console/admin/status", gate.page(EnumSet.of(Role.ADMIN), this::show));
  }

  private void show(Context ctx, Gate.Visit v) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", v.frame());
    params.put("retention", retention.at(clock.instant()));
    params.put("keys", rows(keys.versions()));
    params.put("masterGeneration", keys.masterGeneration());
    params.put("masterSource", keys.masterSource());
    params.put("days", DAYS_AHEAD);
    params.put("listed", SHRED_DAYS_LISTED);
    views.page(ctx, "admin/status.jte", params);
  }

  /** Marks the newest live version of each name as current: that is the one new data is made with. */
  static List<KeyRow> rows(List<KeyVersion> versions) {
    Map<String, Integer> newest = new HashMap<>();
    versions.stream().filter(k -> !k.destroyed()).forEach(k -> newest.merge(k.name(), k.version(), Math::max));
    return versions.stream().map(k -> new KeyRow(k, !k.destroyed() && newest.get(k.name()) == k.version())).toList();
  }
}
