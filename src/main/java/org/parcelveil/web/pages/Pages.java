package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import org.parcelveil.keys.KeyName;
import org.parcelveil.shipment.BulkScans;
import org.parcelveil.shipment.CourierWork;
import org.parcelveil.shipment.Cancellation;
import org.parcelveil.shipment.EventRepository;
import org.parcelveil.shipment.HandOvers;
import org.parcelveil.shipment.StationParcels;
import org.parcelveil.shipment.HandledEvents;
import org.parcelveil.tracking.ClientKeys;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;
import org.parcelveil.web.WebModule;
import org.parcelveil.web.session.Accounts;
import org.parcelveil.web.session.FormNonces;

/** Every console screen, built once and registered together. */
public final class Pages {
  private final SignInPages signIn;
  private final MerchantPages merchant;
  private final LabelPages labels;
  private final MerchantShipmentPages merchantShipments;
  private final StationPages station;
  private final CourierPages courier;
  private final StationListPages stationLists;
  private final CourierRunPages courierRun;
  private final SupportPages support;
  private final SecurityPages security;
  private final AlertPages alerts;
  private final CanaryPages canaries;
  private final AttributionPages attribution;
  private final AdminPages admin;
  private final StatusPages status;
  private final HandoverPages handover;

  public Pages(Gate gate, Views views, Accounts accounts, FormNonces nonces, WebModule.Parts p) {
    CourierWork work = new CourierWork(p.dataSource());
    RevealFlow reveals = new RevealFlow(p.disclosures(), nonces, views);
    // Keyed under a key-store secret, not one per node: the sign-in counters are shared in the database.
    ClientKeys clients =
        new ClientKeys(p.trustedProxyHeader(), p.keys().currentSecret(KeyName.WEB_SIGNIN_CLIENTS).bytes());
    this.signIn = new SignInPages(gate, accounts, views, clients);
    this.merchant = new MerchantPages(gate, p.shipments(), p.relay(), views, p.senders());
    this.labels = new LabelPages(gate, p.labels());
    // The console's cancellation is the API's (same checks, same audit entry), on its own event writer as support's.
    this.merchantShipments = new MerchantShipmentPages(gate, p.shipments(), p.visibility(),
        new Cancellation(p.visibility(), new EventRepository(p.dataSource()), p.shipments(), p.audit(), p.clock()),
        views, p.packingSlips());
    this.station = new StationPages(gate, p.shipments(), p.visibility(), p.lifecycle(), p.principals(), work,
        p.labels(), views, p.network(), new BulkScans(p.visibility(), p.lifecycle()));
    this.courier = new CourierPages(gate, p.shipments(), p.visibility(), work, reveals, p.relay(), p.lifecycle(), views,
        p.clock());
    this.stationLists = new StationListPages(gate, p.network(), new StationParcels(p.dataSource(), p.network()),
        new HandOvers(p.dataSource()), p.principals(), views, p.clock());
    this.courierRun = new CourierRunPages(gate, p.shipments(), work, views, p.clock());
    this.support = new SupportPages(gate, p.shipments(), new HandledEvents(p.dataSource(), p.principals()),
        p.supportSearch(), p.lifecycle(), p.network(), reveals, views);
    this.security = new SecurityPages(gate, new AuditFeed(p.dataSource()), p.principals(), views, p.clock());
    this.alerts = new AlertPages(gate, p.leaks().alerts(), p.principals(), accounts, views, p.clock());
    this.canaries = new CanaryPages(gate, p.leaks().canaries(), views);
    this.attribution = new AttributionPages(gate, p.leaks().attributionRuns(), views);
    this.admin = new AdminPages(gate, p.network(), p.principals(), accounts, views, p.publicUrl());
    this.status = new StatusPages(gate, p.retention(), p.keys(), views, p.clock());
    this.handover = new HandoverPages(gate, p.handovers(), views);
  }

  public void register(RoutesConfig routes) {
    signIn.register(routes);
    merchant.register(routes);
    labels.register(routes);
    merchantShipments.register(routes);
    station.register(routes);
    courier.register(routes);
    stationLists.register(routes);
    courierRun.register(routes);
    support.register(routes);
    security.register(routes);
    alerts.register(routes);
    canaries.register(routes);
    attribution.register(routes);
    admin.register(routes);
    status.register(routes);
    handover.register(routes);
  }
}
