package org.parcelveil.pickup;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.keys.Secret;
import org.parcelveil.network.Network;
import org.parcelveil.shipment.Lifecycle;
import org.parcelveil.shipment.LifecycleHook;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.shipment.Visibility;
import org.parcelveil.subject.Notifier;

/**
 * The pickup feature, built in two steps because it and the lifecycle need each other: first its rules, which the
 * lifecycle is built with ({@link #rules()}), then the handover desk, which records through that lifecycle
 * ({@link #handovers}).
 */
public final class PickupModule {
  private final Codes codes;
  private final PickupRules rules;

  public PickupModule(DataSource dataSource, List<Secret> codeKeys, Shipments shipments, Notifier notifier,
      AuditLog audit, PickupSettings settings, Clock clock) {
    this.codes = new Codes(new CodeStore(dataSource), new CodeMacs(codeKeys), shipments, notifier, audit, settings,
        clock);
    this.rules = new PickupRules(codes);
  }

  /** The rules the lifecycle applies: codes sent on shelving and on going out, checked on delivery. */
  public LifecycleHook rules() {
    return rules;
  }

  /** The handover of parcels at pickup points, recorded through {@code lifecycle}. */
  public Handovers handovers(Visibility visibility, Network network, Lifecycle lifecycle) {
    return new Handovers(codes, visibility, network, lifecycle);
  }
}
