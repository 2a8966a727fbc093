package org.parcelveil.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.access.Principals;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.disclosure.Disclosures;
import org.parcelveil.http.Access;
import org.parcelveil.http.Routes;
import org.parcelveil.identity.Role;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.label.LabelService;
import org.parcelveil.label.PackingSlips;
import org.parcelveil.leaks.service.LeaksModule;
import org.parcelveil.network.Network;
import org.parcelveil.pickup.Handovers;
import org.parcelveil.relay.Relay;
import org.parcelveil.retention.RetentionStatus;
import org.parcelveil.shipment.Lifecycle;
import org.parcelveil.shipment.Visibility;
import org.parcelveil.sender.Senders;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.subject.SubjectAuth;
import org.parcelveil.subject.SubjectData;
import org.parcelveil.subject.SubjectExport;
import org.parcelveil.web.privacy.PrivacyPages;
import org.parcelveil.web.pages.Pages;
import org.parcelveil.web.session.Accounts;
import org.parcelveil.web.session.FormNonces;
import org.parcelveil.web.session.Passwords;

/**
 * The web console: sign-in for people and a screen for each role, built over the same services as the API and
 * called directly, not through HTTP. The composition root makes one, adds its {@link #routes()} and starts its
 * clean-up ({@link #start()}).
 */
public final class WebModule implements AutoCloseable {
  /** How often used form nonces past their day are deleted. */
  static final Duration PURGE_INTERVAL = Duration.ofHours(1);
  private final Routes routes;
  private final WebPurge purge;

  /**
   * The services the console's screens show; the same instances the API uses. {@code trustedProxyHeader} names
   * the header a trusted proxy puts the client address in (null: the peer address), for sign-in throttling.
   */
  public record Parts(DataSource dataSource, Principals principals, Network network, Shipments shipments,
      Lifecycle lifecycle, Disclosures disclosures, Relay relay, KeyStore keys, AuditLog audit, LabelService labels,
      LeaksModule leaks, RetentionStatus retention, String publicUrl, Visibility visibility, Clock clock,
      @Nullable String trustedProxyHeader, Senders senders, PackingSlips packingSlips, Handovers handovers,
      org.parcelveil.shipment.SupportSearch supportSearch, SubjectAuth subjectAuth, SubjectData subjectData,
      SubjectExport subjectExports) {}

  public WebModule(Parts parts) {
    Accounts accounts = Accounts.create(parts.dataSource(), parts.principals(), parts.keys(), parts.audit(),
        Passwords.standard(), parts.clock());
    Views views = new Views();
    Messages messages = Messages.load();
    Gate gate = new Gate(accounts, messages, views);
    FormNonces nonces = new FormNonces(parts.dataSource(), parts.clock());
    Pages pages = new Pages(gate, views, accounts, nonces, parts);
    SetupLinkApi api = new SetupLinkApi(accounts, parts.publicUrl());
    PrivacyPages privacy = new PrivacyPages(parts.subjectAuth(), parts.subjectData(), parts.subjectExports(),
        parts.clock(), messages, gate, views);
    this.routes = new WebRoutes(List.of(r -> r.before("/console/*", gate::refuseOversizedForm), pages::register,
        r -> r.post("/v1/console/setup-links", api::create, Access.roles(Role.ADMIN)), privacy::register));
    this.purge = new WebPurge(nonces, accounts.sessions());
  }

  public Routes routes() {
    return routes;
  }

  /** Starts the periodic purge of used form nonces and expired sessions. */
  public WebModule start() {
    purge.start(PURGE_INTERVAL);
    return this;
  }

  @Override
  public void close() {
    purge.close();
  }
}
