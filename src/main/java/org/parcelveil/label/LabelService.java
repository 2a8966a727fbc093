package org.parcelveil.label;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parcelveil.identity.Principal;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.observe.AccessObserver;
import org.parcelveil.shipment.CancelledShipment;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.shipment.Visibility;
import org.parcelveil.validation.Check;
import org.parcelveil.validation.FieldError;
import org.parcelveil.validation.ValidationException;

/**
 * Who may print which label, and what a scanned QR code names: the one place the API ({@link LabelRoutes}) and the
 * console share, so both scope labels alike (a shipment someone may not see is as unknown as a made-up number) and
 * both report labels, scans and out-of-scope look-ups to the leak detectors.
 */
public final class LabelService {
  private final Labels labels;
  private final ShipmentLabels shipmentLabels;
  private final Shipments shipments;
  private final Visibility visibility;
  private final AccessObserver observer;
  private final Clock clock;

  public LabelService(Labels labels, ShipmentLabels shipmentLabels, Shipments shipments, Visibility visibility,
      AccessObserver observer, Clock clock) {
    this.labels = labels;
    this.shipmentLabels = shipmentLabels;
    this.shipments = shipments;
    this.visibility = visibility;
    this.observer = observer;
    this.clock = clock;
  }

  public Labels labels() {
    return labels;
  }

  /**
   * The label of a shipment {@code p} may see, noted as printed; empty alike for unknown and out-of-scope numbers.
   *
   * @throws org.parcelveil.http.ApiException (409) for a cancelled shipment: its label no longer prints
   */
  public Optional<LabelData> label(Principal p, String waybill) {
    Optional<Shipment> s = visible(p, waybill);
    if (s.isPresent() && CancelledShipment.is(s.get())) {
      throw CancelledShipment.problem();
    }
    Optional<LabelData> label = s.map(shipmentLabels::of);
    label.ifPresent(l -> shipments.printed(List.of(l.waybill())));
    return label;
  }

  /**
   * The labels of a batch of 1 to {@value Labels#MAX_BATCH} numbers, every one visible to {@code p}; all are checked
   * before any is drawn, so a caller can still answer with an error instead of half a PDF.
   *
   * @throws ValidationException naming the positions of numbers that are not {@code p}'s, never the numbers
   */
  public List<LabelData> batch(Principal p, List<String> waybills) {
    Check check = new Check();
    if (waybills == null || waybills.isEmpty() || waybills.size() > Labels.MAX_BATCH) {
      check.fail("waybills", "must list 1 to " + Labels.MAX_BATCH + " waybills");
    }
    check.throwIfInvalid();
    List<LabelData> data = new ArrayList<>(waybills.size());
    List<FieldError> unknown = new ArrayList<>();
    for (int i = 0; i < waybills.size(); i++) {
      Optional<Shipment> s = visible(p, waybills.get(i));
      if (s.isEmpty()) {
        unknown.add(new FieldError("waybills[" + i + "]", "is not a shipment of yours"));
      } else if (CancelledShipment.is(s.get())) {
        unknown.add(new FieldError("waybills[" + i + "]", "was cancelled: its label no longer prints"));
      } else {
        data.add(shipmentLabels.of(s.get()));
      }
    }
    if (!unknown.isEmpty()) {
      throw new ValidationException(unknown);
    }
    shipments.printed(data.stream().map(LabelData::waybill).toList());
    return data;
  }

  /**
   * The shipment a scanned label QR code (a bare token or its link) names, recorded as a scan by {@code p}; empty
   * for anything we did not print. Anyone holding the parcel may scan it, so no visibility check applies.
   *
   * @throws org.parcelveil.http.ApiException (409) for a cancelled shipment: its label is void
   */
  public Optional<Shipment> scan(Principal p, String qr) {
    Optional<Shipment> s = shipmentLabels.tokens().resolve(qr).flatMap(shipments::find);
    s.ifPresent(x -> observer.record(AccessEvent.of(AccessEvent.Kind.SCAN, p, x.waybill(), "scan", clock.instant())));
    if (s.isPresent() && CancelledShipment.is(s.get())) {
      throw CancelledShipment.problem();
    }
    return s;
  }

  private Optional<Shipment> visible(Principal p, String waybill) {
    return visible(p, waybill, "label");
  }

  /** The shipment if {@code p} may see it, reported to the leak detectors as viewed for {@code action}. */
  Optional<Shipment> visible(Principal p, String waybill, String action) {
    Optional<Shipment> found = waybill == null ? Optional.empty() : visibility.find(p, waybill, action);
    found.ifPresent(s -> observer.record(AccessEvent.of(AccessEvent.Kind.VIEW, p, s.waybill(), action,
        clock.instant())));
    return found;
  }
}
