package org.parcelveil.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.parcelveil.access.AccessRoutes;
import org.parcelveil.address.AddressParser;
import org.parcelveil.address.AddressRoutes;
import org.parcelveil.address.Divisions;
import org.parcelveil.access.DisclosureBudgets;
import org.parcelveil.access.DisclosurePolicy;
import org.parcelveil.disclosure.DisclosureRoutes;
import org.parcelveil.disclosure.Disclosures;
import org.parcelveil.keys.KeyName;
import org.parcelveil.relay.LoggingTelephonyProvider;
import org.parcelveil.relay.Relay;
import org.parcelveil.relay.RelayRoutes;
import org.parcelveil.webhook.WebhookSignature;
import org.parcelveil.shipment.Lifecycle;
import org.parcelveil.pickup.Handovers;
import org.parcelveil.pickup.PickupModule;
import org.parcelveil.pickup.PickupRoutes;
import org.parcelveil.access.PrincipalRepository;
import org.parcelveil.access.Principals;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditModule;
import org.parcelveil.http.HttpServer;
import org.parcelveil.eventhooks.EventHooksModule;
import org.parcelveil.http.Routes;
import org.parcelveil.intake.IntakeModule;
import org.parcelveil.sender.SenderRoutes;
import org.parcelveil.sender.Senders;
import org.parcelveil.keys.ErasureLedger;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.KeyStoreException;
import org.parcelveil.keys.MasterKey;
import org.parcelveil.keys.MasterKeyFiles;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.label.LabelRoutes;
import org.parcelveil.label.LabelService;
import org.parcelveil.label.Labels;
import org.parcelveil.label.PackingSlips;
import org.parcelveil.label.ShipmentLabels;
import org.parcelveil.observe.AccessEvents;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;
import org.parcelveil.leaks.service.LeaksModule;
import org.parcelveil.network.Network;
import org.parcelveil.network.NetworkRoutes;
import org.parcelveil.network.StationRepository;
import org.parcelveil.retention.Erasures;
import org.parcelveil.retention.RetentionJob;
import org.parcelveil.retention.RetentionStatus;
import org.parcelveil.retention.Shredder;
import org.parcelveil.rotation.BlindReindex;
import org.parcelveil.rotation.KeyRefresh;
import org.parcelveil.rotation.KeyRotation;
import org.parcelveil.shipment.Cancellation;
import org.parcelveil.shipment.EventRepository;
import org.parcelveil.shipment.RequestFingerprint;
import org.parcelveil.shipment.ShipmentRepository;
import org.parcelveil.shipment.ShipmentRoutes;
import org.parcelveil.shipment.BulkScanRoutes;
import org.parcelveil.shipment.BulkScans;
import org.parcelveil.shipment.StationParcelRoutes;
import org.parcelveil.shipment.StationParcels;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.shipment.Visibility;
import org.parcelveil.shipment.LookupRepository;
import org.parcelveil.shipment.SupportSearch;
import org.parcelveil.web.pages.PageTimes;
import org.parcelveil.store.Database;
import org.parcelveil.store.H2Upgrade;
import org.parcelveil.store.PrivateFiles;
import org.parcelveil.store.Scrubber;
import org.parcelveil.tracking.Tracker;
import org.parcelveil.tracking.TrackingRoutes;
import org.parcelveil.verify.VerificationRoutes;
import org.parcelveil.verify.Verifier;
import org.parcelveil.subject.DisclosureHistory;
import org.parcelveil.subject.Notifiers;
import org.parcelveil.subject.PrincipalPseudonyms;
import org.parcelveil.subject.SubjectAuth;
import org.parcelveil.subject.SubjectData;
import org.parcelveil.subject.SubjectExport;
import org.parcelveil.subject.SubjectRoutes;
import org.parcelveil.subject.SubjectSettings;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.vault.Vault;
import org.parcelveil.waybill.CounterLeases;
import org.parcelveil.web.WebModule;

/**
 * The composition root: opens the stores, loads the keys and builds every feature with its constructor. The HTTP
 * server and the command line share it; nothing else creates services.
 */
public final class ParcelVeil implements AutoCloseable {
  /** The key store's own schema, so that a dump of the shipment schema never holds the keys. */
  public static final String KEY_SCHEMA = "pv_keys";
  private final Settings settings;
  private final Clock clock;
  private final Database database;
  private final Database keyDatabase;
  private final KeyStore keys;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AuditModule audit;
  private final Network network;
  private final Principals principals;
  private final Shipments shipments;
  private final EventRepository events;
  private final ShipmentRepository shipmentRepository;
  private final Lifecycle lifecycle;
  private final Handovers handovers;
  private final Visibility visibility;
  private final Cancellation cancellation;
  private final SupportSearch supportSearch;
  private final Disclosures disclosures;
  private final Relay relay;
  private final IntakeModule intake;
  private final Senders senders;
  private final WebhookSignature relaySignature;
  private final Labels labels;
  private final Shredder shredder;
  private final RetentionJob retentionJob;
  private final ShipmentLabels shipmentLabels;
  private final LabelService labelService;
  private final AccessEvents accessEvents = new AccessEvents();
  private final LeaksModule leaks;
  private final EventHooksModule eventHooks;
  private final Tracker tracker;
  private final Verifier verifier;
  private final Erasures erasures;
  private final KeyRotation rotation;
  private final KeyRefresh keyRefresh;
  private final SubjectAuth subjectAuth;
  private final SubjectData subjectData;
  private final MetricsAccess metricsAccess;
  private final ServiceMetrics metrics;
  /** The console, once {@link #serve()} made it; its purge of nonces and expired sessions stops with the service. */
  private volatile @Nullable WebModule web;

  private ParcelVeil(Settings settings, Map<String, String> env, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    createDataDir(settings);
    this.database = Database.open(settings.mainDatabase(), "main", 16);
    Database keyDb = null;
    try {
      keyDb = Database.open(settings.keyStoreDatabase(), "keys", KEY_SCHEMA, 4);
      this.keyDatabase = keyDb;
      if (settings.mainDatabase().isEmbedded() && H2Upgrade.pending(settings.dataDir())) {
        H2Upgrade.run(settings.dataDir(), database, keyDatabase, KEY_SCHEMA);
      }
      this.keys = openKeys(settings, env, keyDatabase, KeyStore.isEmpty(keyDatabase) && Stores.isEmpty(database));
      // The one place keys are created: every name the service reads, on a first start or an upgrade that added one.
      keys.provision();
      this.audit = AuditModule.create(database, keys, settings.auditOrigin(), clock, AuditModule.CHECKPOINT_INTERVAL,
          settings.witnesses());
      this.network = new Network(new StationRepository(database.dataSource()), clock);
      BlindIndex blindIndex = new BlindIndex(keys.secrets(KeyName.BLIND_INDEX));
      Vault vault = new Vault(keys, blindIndex);
      PrincipalRepository principalRepository = new PrincipalRepository(database.dataSource());
      this.principals = new Principals(principalRepository, network, audit.log(), vault, clock);
      // Group commit for single creations and scans, except on Citus (a group would span shards).
      this.shipmentRepository = new ShipmentRepository(database.dataSource(), !database.distributed());
      this.events = new EventRepository(database.dataSource(), !database.distributed(), database.distributed());
      CounterLeases leases = new CounterLeases(database.dataSource(), settings.counterBlockSize());
      this.labels = new Labels(settings.labels());
      this.intake = IntakeModule.create(database.dataSource(), keys, principals, vault, clock);
      this.senders = new Senders(database.dataSource(), vault, clock);
      this.shipments = new Shipments(shipmentRepository, vault, Numbering.issuer(settings, keys, leases), network,
          new RequestFingerprint(keys.currentSecret(KeyName.IDEMPOTENCY)), clock, settings.retention(),
          labels.printability(), intake.recipients(), senders);
      // The pickup feature's rules ride on the lifecycle; its handover desk records through that lifecycle.
      PickupModule pickup = new PickupModule(database.dataSource(), keys.secrets(KeyName.PICKUP_CODES), shipments,
          Notifiers.load(), audit.log(), settings.pickup(), clock);
      this.lifecycle = new Lifecycle(events, network, principals, shipments, clock, accessEvents, pickup.rules());
      this.visibility = new Visibility(network, events, shipments, accessEvents, clock);
      this.handovers = pickup.handovers(visibility, network, lifecycle);
      this.cancellation = new Cancellation(visibility, events, shipments, audit.log(), clock);
      this.supportSearch = new SupportSearch(new LookupRepository(database.dataSource()), blindIndex, audit.log());
      DisclosurePolicy policy = new DisclosurePolicy(settings.disclosure());
      this.disclosures = new Disclosures(shipments, visibility, policy,
          new DisclosureBudgets(database.dataSource(), settings.disclosure(), clock), audit.log(),
          clock, accessEvents);
      this.relay = new Relay(database.dataSource(), shipments, principalRepository, blindIndex, audit.log(),
          new LoggingTelephonyProvider(), settings.relay(), clock, accessEvents);
      this.relaySignature = new WebhookSignature(keys.currentSecret(KeyName.RELAY_WEBHOOK).bytes());
      this.erasures = new Erasures(database.dataSource(), new ErasureLedger(keyDatabase), keys);
      boolean embedded = settings.mainDatabase().isEmbedded();
      Scrubber mainScrubber = new Scrubber(database, embedded);
      Scrubber keyScrubber = new Scrubber(keyDatabase, embedded);
      this.shredder = new Shredder(database.dataSource(), keys, audit.log(), erasures, () -> {
        mainScrubber.scrub(Shredder.MAIN_TABLES);
        keyScrubber.scrub(Shredder.KEY_TABLES);
      });
      this.retentionJob = new RetentionJob(shredder, clock);
      this.shipmentLabels = new ShipmentLabels(shipments, keys.secrets(KeyName.QR), settings.carrierName(),
          settings.labels().hotline(), settings.publicUrl(settings.http().port()));
      this.labelService = new LabelService(labels, shipmentLabels, shipments, visibility, accessEvents, clock);
      this.leaks = new LeaksModule(new LeaksModule.Parts(database.dataSource(), principals, shipments, events, network,
          blindIndex, keys, audit.log(), accessEvents, relaySignature), settings.leaks(), clock);
      this.eventHooks = new EventHooksModule(database.dataSource(), keys, principals, shipments, settings.webhooks(), clock);
      // The audit log sits below leaks (leaks appends to it): the alarm is pointed at the alerts from here.
      audit.publisher().onWitnessAlarm(detail -> leaks.alerts().raise(AlertDraft.of(Severity.HIGH,
          "witness_quorum_lost", null, null, detail, clock.instant())));
      DisclosureHistory disclosureHistory = new DisclosureHistory(audit.history(), principals,
          new PrincipalPseudonyms(keys.currentSecret(KeyName.DISCLOSURE_PSEUDONYMS)));
      this.tracker = new Tracker(shipments, events, network, settings.waybillPrefix(), settings.tracking(),
          disclosureHistory);
      this.verifier = new Verifier(database.dataSource(), shipments, events, network, blindIndex,
          settings.waybillPrefix(), settings.verification(), clock);
      BlindReindex reindex = new BlindReindex(database.dataSource(), vault);
      this.rotation = new KeyRotation(keys, leases, blindIndex, reindex, shipmentLabels::useKeys, audit.log());
      this.keyRefresh = new KeyRefresh(keys, blindIndex, shipmentLabels::useKeys, reindex);
      this.subjectAuth = new SubjectAuth(database.dataSource(), shipments, blindIndex,
          keys.currentSecret(KeyName.SUBJECT_CODES), Notifiers.load(), audit.log(), SubjectSettings.DEFAULTS, clock);
      this.subjectData = new SubjectData(shipments, blindIndex, erasures, audit.log(), SubjectSettings.DEFAULTS,
          disclosureHistory, clock);
      this.metricsAccess = MetricsAccess.from(env, principals);
      this.metrics = ServiceMetrics.bind(meters,
          List.of(database.metrics(), keyDatabase.metrics(), audit.metrics(), leaks.metrics(),
          eventHooks.metrics()));
    } catch (RuntimeException e) {
      if (keyDb != null) {
        keyDb.close();
      }
      database.close();
      throw e;
    }
  }

  /** Opens the service's stores and builds its features; fails clearly on a missing or wrong master key. */
  public static ParcelVeil open(Settings settings, Map<String, String> env) {
    return new ParcelVeil(settings, env, Clock.systemUTC());
  }

  /** As {@link #open(Settings, Map)}, on the given clock (simulations and tests move time). */
  public static ParcelVeil open(Settings settings, Map<String, String> env, Clock clock) {
    return new ParcelVeil(settings, env, clock);
  }

  /** Starts the HTTP server and the background jobs. */
  public HttpServer serve() {
    List<Routes> routes = new ArrayList<>();
    // The one zone people see times in, on the console and the tracking pages (docs/console.md).
    PageTimes.useZone(settings.tracking().displayZone());
    routes.add(new OperationsRoutes(meters, database, metricsAccess));
    routes.add(new NetworkRoutes(network));
    routes.add(new AddressRoutes(new AddressParser(Divisions.official())));
    routes.add(new AccessRoutes(principals));
    routes.add(new ShipmentRoutes(shipments, events, visibility, lifecycle, cancellation, accessEvents, clock,
        supportSearch));
    routes.add(new PickupRoutes(handovers));
    routes.add(new DisclosureRoutes(disclosures));
    routes.add(intake.routes());
    routes.add(new SenderRoutes(senders));
    routes.add(new RelayRoutes(relay, shipments, visibility, relaySignature, clock));
    PackingSlips packingSlips = new PackingSlips(labelService);
    routes.add(new LabelRoutes(labelService, packingSlips));
    routes.add(leaks.routes());
    routes.add(eventHooks.routes());
    routes.add(audit.routes());
    routes.add(new TrackingRoutes(tracker, shipmentLabels.tokens(), settings.tracking(), settings.carrierName(), clock,
        accessEvents, PageTimes::shown));
    routes.add(new VerificationRoutes(verifier, settings.verification(), clock, accessEvents));
    // A station's work in bulk and its lists: bags scanned in one action, parcels at and expected at the station.
    routes.add(new BulkScanRoutes(new BulkScans(visibility, lifecycle)));
    routes.add(new StationParcelRoutes(new StationParcels(database.dataSource(), network), network));
    // One export for the API and the recipients' privacy page.
    SubjectExport subjectExport = new SubjectExport(subjectData, events, clock);
    WebModule web = new WebModule(new WebModule.Parts(database.dataSource(), principals, network, shipments,
        lifecycle, disclosures, relay, keys, audit.log(), labelService, leaks,
        new RetentionStatus(database.dataSource(), settings.retention()), settings.publicUrl(settings.http().port()),
        visibility,
        clock, settings.tracking().trustedProxyHeader(), senders, packingSlips, handovers, supportSearch,
        subjectAuth, subjectData, subjectExport));
    this.web = web;
    routes.add(web.routes());
    routes.add(new SubjectRoutes(subjectAuth, subjectData, subjectExport));
    principals.startTokenCache();
    HttpServer server = new HttpServer(settings.http(), principals, meters, routes).start();
    // Asked for port 0, the service learns its port only now: labels point to it from the first one printed.
    shipmentLabels.useCheckUrl(settings.publicUrl(server.port()));
    audit.start();
    leaks.start();
    eventHooks.start();
    retentionJob.start(java.time.Duration.ofHours(1));
    web.start();
    keyRefresh.start(settings.keys().refreshInterval());
    return server;
  }

  /** Where features report accesses for the leak detectors (tracking, verification and web pages call it too). */
  public AccessEvents accessEvents() {
    return accessEvents;
  }

  public LeaksModule leaks() {
    return leaks;
  }

  public Settings settings() {
    return settings;
  }

  public Principals principals() {
    return principals;
  }

  public Network network() {
    return network;
  }

  public Senders senders() {
    return senders;
  }

  public Shipments shipments() {
    return shipments;
  }

  public AuditLog auditLog() {
    return audit.log();
  }

  public AuditModule audit() {
    return audit;
  }

  public Lifecycle lifecycle() {
    return lifecycle;
  }

  /** The handover of parcels at pickup points (the API and the station's console share it). */
  public Handovers handovers() {
    return handovers;
  }

  public Disclosures disclosures() {
    return disclosures;
  }

  /** Signs and checks the telephony platform's webhook calls (its secret is shared with the platform). */
  public WebhookSignature relaySignature() {
    return relaySignature;
  }

  public Shredder shredder() {
    return shredder;
  }

  public Erasures erasures() {
    return erasures;
  }

  /** Rotates keys (the {@code keys rotate} command). */
  public KeyRotation keyRotation() {
    return rotation;
  }

  /** Takes up rotated keys; runs by itself under {@link #serve()}, by hand elsewhere. */
  public KeyRefresh keyRefresh() {
    return keyRefresh;
  }

  public Labels labels() {
    return labels;
  }

  /** Public tracking without its rate limits (those belong to the HTTP routes). */
  public Tracker tracker() {
    return tracker;
  }

  public Verifier verifier() {
    return verifier;
  }

  public ShipmentLabels shipmentLabels() {
    return shipmentLabels;
  }

  public Database database() {
    return database;
  }

  public KeyStore keys() {
    return keys;
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    WebModule w = web;
    if (w != null) {
      w.close();
    }
    keyRefresh.close();
    principals.close();
    subjectAuth.close();
    retentionJob.close();
    leaks.close();
    eventHooks.close();
    events.close();
    shipmentRepository.close();
    audit.close();
    metrics.close();
    keyDatabase.close();
    database.close();
  }

  /**
   * Opens the key store with the master key from the settings and environment; the same source is read again when
   * another process rotates the master key. A wrong key is refused, with a hint when a rotation was interrupted.
   */
  private static KeyStore openKeys(Settings settings, Map<String, String> env, Database keyDatabase, boolean brandNew) {
    String uri = settings.keys().masterKeyUri();
    MasterKey master = MasterKeySource.load(settings.dataDir(), env, uri, brandNew);
    try {
      return new KeyStore(keyDatabase, master, () -> MasterKeySource.load(settings.dataDir(), env, uri, false));
    } catch (KeyStoreException e) {
      boolean pendingOpens = MasterKeyFiles.read(MasterKeyFiles.pending(settings.dataDir()))
          .map(k -> KeyStore.opens(keyDatabase, k)).orElse(false);
      if (pendingOpens) {
        throw new KeyStoreException(e.getMessage() + ". The key in " + MasterKeyFiles.pending(settings.dataDir())
            + " opens it: a master-key rotation was interrupted; run `parcelveil keys rotate --master` to finish it");
      }
      throw e;
    }
  }

  /** The data directory holds keys and the store: mode 0700 from its creation, and narrowed to it if older. */
  private static void createDataDir(Settings settings) {
    PrivateFiles.directory(settings.dataDir());
  }

}
