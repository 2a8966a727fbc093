package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import javax.sql.DataSource;
import org.parcelveil.access.Principals;
import org.parcelveil.disclosure.Disclosures;
import org.parcelveil.network.Network;
import org.parcelveil.relay.Relay;
import org.parcelveil.shipment.EventRepository;
import org.parcelveil.shipment.Lifecycle;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;
import org.parcelveil.web.session.Accounts;
import org.parcelveil.web.session.FormNonces;

/** Every console screen, built once and registered together. */
public final class Pages {
  private final SignInPages signIn;
  private final MerchantPages merchant;
  private final StationPages station;
  private final CourierPages courier;
  private final SupportPages support;
  private final SecurityPages security;
  private final AdminPages admin;

  public Pages(Gate gate, Views views, Accounts accounts, FormNonces nonces, DataSource dataSource,
      Principals principals, Network network, Shipments shipments, Lifecycle lifecycle, Disclosures disclosures,
      Relay relay, Clock clock) {
    CourierWork work = new CourierWork(dataSource);
    RevealFlow reveals = new RevealFlow(disclosures, nonces, views);
    this.signIn = new SignInPages(gate, accounts, views);
    this.merchant = new MerchantPages(gate, shipments, views);
    this.station = new StationPages(gate, shipments, lifecycle, principals, work, views);
    this.courier = new CourierPages(gate, shipments, work, reveals, relay, lifecycle, views, clock);
    this.support = new SupportPages(gate, shipments, new EventRepository(dataSource), reveals, views);
    this.security = new SecurityPages(gate, new AuditFeed(dataSource), principals, views, clock);
    this.admin = new AdminPages(gate, network, principals, accounts, views);
  }

  public void register(RoutesConfig routes) {
    signIn.register(routes);
    merchant.register(routes);
    station.register(routes);
    courier.register(routes);
    support.register(routes);
    security.register(routes);
    admin.register(routes);
  }
}
