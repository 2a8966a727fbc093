package org.parcelveil.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.parcelveil.leaks.detect.DetectorSettings;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.tracking.Budget;

/**
 * Every setting of the service, declared once: name, description, where it lands in {@link Settings}, how its text
 * is read. The command line builds its options from this list, the environment and config-file look-ups use its
 * names, and the defaults are those of {@link Settings#defaults()} (each feature's own record), so no default is
 * written twice. The README's settings table is tested against this list.
 */
public final class SettingsCatalog {
  /** The settings in the order help and the README show them. */
  public static final List<Setting> ALL = List.copyOf(declare());

  private SettingsCatalog() {}

  /** A setting's text and where it came from ({@code --port}, {@code PARCELVEIL_PORT}, {@code FILE}). */
  public record Value(String text, String source) {}

  /** The settings, and the values the service reads from its environment (keys and tokens). */
  public record Resolved(Settings settings, Map<String, String> environment) {}

  /** The setting of that name. */
  public static Optional<Setting> named(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * The defaults with every given value applied. A value a record refuses only because of another value still to
   * come (retention after delivery longer than the maximum the next value raises) is tried again after the rest, so
   * the order values are given in never matters.
   *
   * @throws InvalidSettingException naming the setting and where its value came from
   */
  public static Resolved resolve(Function<Setting, Optional<Value>> values) {
    Settings settings = Settings.defaults();
    Map<String, String> environment = new LinkedHashMap<>();
    Map<Setting, Value> pending = new LinkedHashMap<>();
    for (Setting s : ALL) {
      values.apply(s).ifPresent(v -> {
        if (s.passedInEnvironment()) {
          environment.put(s.env(), v.text());
        } else {
          pending.put(s, v);
        }
      });
    }
    while (!pending.isEmpty()) {
      int before = pending.size();
      IllegalArgumentException first = null;
      Setting refused = null;
      for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        try {
          settings = e.getKey().apply().apply(settings, e.getValue().text());
          it.remove();
        } catch (IllegalArgumentException ex) {
          if (first == null) {
            first = ex;
            refused = e.getKey();
          }
        }
      }
      if (pending.size() == before) {
        throw new InvalidSettingException(refused, pending.get(refused).source(), first.getMessage());
      }
    }
    Optional<String> unpaired = settings.witnesses().pairingProblem();
    if (unpaired.isPresent()) {
      Setting vkey = named("witness-vkey").orElseThrow();
      throw new InvalidSettingException(vkey, values.apply(vkey).map(Value::source).orElse("the default"),
          unpaired.get());
    }
    return new Resolved(settings, Map.copyOf(environment));
  }

  private static List<Setting> declare() {
    List<Setting> all = new ArrayList<>();
    all.add(at("data", "dataDir", "DIR", "Data directory: the embedded store, master key, tokens."));
    all.add(new Setting("db-url", "JDBC_URL", "A PostgreSQL server of your own (jdbc:postgresql://host:5432/db); the "
        + "key store lives in its schema pv_keys.", false, s -> s.database().map(DatabaseSettings::url)
        .orElse("the embedded store"), (s, v) -> s.withDatabase(new DatabaseSettings(v.strip(),
        s.database().map(DatabaseSettings::user).orElse(""), s.database().map(DatabaseSettings::password).orElse("")))));
    all.add(new Setting("db-user", "USER", "User of the db-url database.", false,
        s -> s.database().map(DatabaseSettings::user).orElse("unset"),
        (s, v) -> s.withDatabase(new DatabaseSettings(needsUrl(s).url(), v.strip(), needsUrl(s).password()))));
    all.add(new Setting("db-password", "PASSWORD", "Password of the db-url database.", true, s -> "unset",
        (s, v) -> s.withDatabase(new DatabaseSettings(needsUrl(s).url(), needsUrl(s).user(), v))));
    all.add(new Setting("master-key", "BASE64", "The master key, base64 of 32 bytes; wins over DIR/master.key.", true,
        s -> "unset", null));
    all.add(at("master-key-uri", "keys.masterKeyUri", "URI", "KMS key URI of the master key (gcp-kms://, aws-kms:// "
        + "with its plug-in, local-kms://PATH); wins over master-key and DIR/master.key."));
    all.add(new Setting("kms-credentials", "FILE", "Credentials file for a KMS plug-in.", false,
        s -> "the provider's default credentials", null));
    all.add(at("key-refresh", "keys.refreshInterval", "DURATION", "How soon running nodes take up rotated keys."));
    all.add(at("port", "http.port", "N", "HTTP port; 0 picks a free one."));
    all.add(at("host", "http.host", "HOST", "Address serve listens on: loopback is this machine only; 0.0.0.0 for "
        + "every interface."));
    all.add(at("max-body", "http.maxBodyBytes", "BYTES", "Largest request body; larger ones get 413."));
    all.add(new Setting("metrics-token", "TOKEN", "Bearer token (32+ characters) that reads /metrics and nothing "
        + "else; an admin token also does.", true, s -> "unset", null));
    all.add(new Setting("public-url", "URL", "Printed on labels and in their QR codes (the authenticity page), and "
        + "the base of console set-up links. Set it when people reach the service by another address: behind a proxy "
        + "or TLS terminator, or from other hosts.", false,
        s -> s.publicUrl().isBlank() ? "the address serve listens on (http://localhost:PORT)" : s.publicUrl(),
        (s, v) -> s.withPublicUrl(v.strip())));
    all.add(new Setting("audit-origin", "ORIGIN", "Origin line of the audit log's checkpoints; fixed by the first "
        + "checkpoint.", false, s -> s.auditOrigin().equals(Settings.defaults().auditOrigin())
        ? "<hostname>/parcelveil" : s.auditOrigin(), (s, v) -> s.withAuditOrigin(v.strip())));
    all.add(new Setting("witness", "URL", "A witness that must cosign the audit log's checkpoints (its URL without "
        + "/add-checkpoint); repeat it, each with its witness-vkey in the same order (docs/witness.md).", false,
        s -> "unset", (s, v) -> s.withWitnesses(s.witnesses().withUrls(words(v))), true));
    all.add(new Setting("witness-vkey", "VKEY", "Verifier key of the witness given in the same position; repeat it "
        + "with each witness.", false, s -> "unset",
        (s, v) -> s.withWitnesses(s.witnesses().withVkeys(words(v))), true));
    all.add(new Setting("witness-quorum", "K", "How many witnesses (1 to their number) must cosign a checkpoint "
        + "before it is served.", false, s -> s.witnesses().quorum() == 0 ? "all given"
        : Integer.toString(s.witnesses().quorum()),
        (s, v) -> s.withWitnesses(s.witnesses().withQuorum((int) SettingValues.parse(int.class, v)))));
    all.add(new Setting("label-font", "FILE", "TrueType font for labels; it also decides which characters names and "
        + "areas may hold.", false, s -> s.labels().fontFile() == null ? "bundled WenQuanYi Micro Hei"
        : s.labels().fontFile().toString(), (s, v) -> s.withLabels(s.labels().withFontFile(Path.of(v.strip())))));
    all.add(at("label-zpl-font", "labels.zplFont", "FONT", "Printer font file ZPL labels use for Chinese text."));
    all.add(new Setting("carrier-hotline", "NUMBER", "The carrier's customer service number, printed on every label "
        + "(e.g. 95338).", false, s -> s.labels().hotline() == null ? "unset (none printed)" : s.labels().hotline(),
        (s, v) -> s.withLabels(s.labels().withHotline(v.strip()))));
    all.add(at("retention-days", "retention.maxDays", "DAYS", "Most days personal data is kept (parcels never "
        + "delivered); data is encrypted under the key of the day its retention ends."));
    all.add(at("retention-after-delivery-days", "retention.daysAfterFinish", "DAYS",
        "Days personal data is kept after delivery or return."));
    all.add(budget("track-lookups-per-hour", "tracking.lookups", Duration.ofHours(1),
        "Public tracking look-ups per client, per node."));
    all.add(budget("track-misses-per-hour", "tracking.misses", Duration.ofHours(1),
        "Unknown numbers and wrong phone digits per client, per node."));
    all.add(at("track-wrong-guesses-per-waybill", "tracking.wrongGuessesPerWaybill", "N",
        "Wrong phone digits per waybill per day, per node, before the phone check stops answering for it."));
    all.add(at("display-zone", "tracking.displayZone", "ZONE", "Time zone every time shown to people is in (console "
        + "and tracking pages, labelled with its offset); APIs answer UTC."));
    all.add(at("trusted-proxy-header", "tracking.trustedProxyHeader", "HEADER", "Header a trusted reverse proxy sets "
        + "to the client address (e.g. X-Forwarded-For); only when every request comes through that proxy."));
    all.add(budget("verifications-per-minute", "verification.perPlatform", Duration.ofMinutes(1),
        "Marketplace verifications per platform, per node."));
    all.add(new Setting("leak-webhook", "URL", "Where each leak alert is POSTed, signed (docs/leaks.md).", false,
        s -> SettingValues.format(s.leaks().webhook()),
        (s, v) -> s.withLeaks(s.leaks().withWebhook(SettingValues.url(v.strip())))));
    all.add(new Setting("webhook-private-targets", "true|false", "Lets tracking webhooks reach loopback, private and "
        + "link-local addresses; only for tests and closed networks (docs/webhooks.md).", false,
        s -> Boolean.toString(s.webhooks().allowPrivateTargets()),
        (s, v) -> s.withWebhooks(s.webhooks().withAllowPrivateTargets(SettingValues.bool(v)))));
    all.add(at("webhooks-per-caller", "webhooks.perCaller", "N", "Most tracking webhooks one merchant or platform "
        + "may hold."));
    all.add(at("pickup-code-ttl", "pickup.codeTtl", "DURATION", "How long a pickup code or delivery PIN sent to a "
        + "recipient stays valid (docs/pickup.md)."));
    for (String component : Records.names(DetectorSettings.class)) {
      all.add(at("detect-" + kebab(component), "leaks.detectors." + component,
          label(Records.type(Settings.class, "leaks.detectors." + component)), DetectorDocs.of(component)));
    }
    return all;
  }

  /** A setting that is the record component at {@code path} inside {@link Settings}. */
  private static Setting at(String name, String path, String label, String description) {
    Class<?> type = Records.type(Settings.class, path);
    return new Setting(name, label, description, false, s -> SettingValues.format(Records.get(s, path)),
        (s, v) -> Records.with(s, path, SettingValues.parse(type, v)));
  }

  /** A token budget at {@code path}: its capacity per {@code period}. */
  private static Setting budget(String name, String path, Duration period, String description) {
    return new Setting(name, "N", description, false, s -> Integer.toString(((Budget) Records.get(s, path)).capacity()),
        (s, v) -> Records.with(s, path, new Budget((int) SettingValues.parse(int.class, v), period)));
  }

  /** Several values of a repeatable setting: separated by spaces (URLs and verifier keys hold none). */
  private static List<String> words(String text) {
    String t = text.strip();
    return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
  }

  private static DatabaseSettings needsUrl(Settings s) {
    return s.database().orElseThrow(() -> new IllegalArgumentException("needs db-url as well"));
  }

  private static String label(Class<?> type) {
    if (type == Duration.class) {
      return "DURATION";
    }
    if (type == java.time.LocalTime.class) {
      return "HH:MM";
    }
    if (type == java.time.ZoneId.class) {
      return "ZONE";
    }
    return type == double.class ? "X" : "N";
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
