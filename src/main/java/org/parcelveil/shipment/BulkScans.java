package org.parcelveil.shipment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.parcelveil.identity.Principal;
import org.parcelveil.validation.ValidationException;

/**
 * Scans a bag or cage of parcels in one action: the whole request is checked first (type, count, list), then each
 * parcel is recorded through {@link Lifecycle#record} exactly as a single scan would be, and answers for itself. A
 * depot does not stop unloading because one parcel in the cage was missorted, so one refusal does not undo the rest.
 */
public final class BulkScans {
  /** Bags come in and go out; a cage goes out with one courier. Other events are per parcel. */
  static final Set<String> TYPES = Set.of("ARRIVED", "DEPARTED", "OUT_FOR_DELIVERY");

  private final Visibility visibility;
  private final Lifecycle lifecycle;

  public BulkScans(Visibility visibility, Lifecycle lifecycle) {
    this.visibility = visibility;
    this.lifecycle = lifecycle;
  }

  /**
   * Records {@code scan} for each of its parcels, in the order sent; a number repeated in the list is recorded once.
   *
   * @throws ValidationException before anything is recorded, if the request as a whole is wrong
   */
  public List<ScanOutcome> record(Principal actor, BulkScan scan) {
    List<String> numbers = scan.checkedNumbers();
    String type = scan.type().trim().toUpperCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw ValidationException.of("type", "must be ARRIVED, DEPARTED or OUT_FOR_DELIVERY");
    }
    EventRequest request = new EventRequest(type, null, blankToNull(scan.courierId()), null, null);
    Set<String> seen = new HashSet<>();
    List<ScanOutcome> out = new ArrayList<>(numbers.size());
    for (int i = 0; i < numbers.size(); i++) {
      String number = numbers.get(i);
      out.add(seen.add(number) ? one(actor, i, number, request)
          : ScanOutcome.refused(i, number, ScanOutcome.Result.REPEATED, null, "Repeated in this list; scanned once."));
    }
    return out;
  }

  /** One parcel, as the single scan answers it: an unknown number and a hidden one alike. */
  public ScanOutcome one(Principal actor, int index, String number, EventRequest request) {
    Optional<Shipment> found = visibility.find(actor, number, "event");
    if (found.isEmpty()) {
      return ScanOutcome.refused(index, number, ScanOutcome.Result.NOT_FOUND, null, "No such shipment.");
    }
    Shipment s = found.get();
    try {
      ShipmentEvent e = lifecycle.record(actor, s, request);
      return ScanOutcome.recorded(index, s.waybill(), EventType.valueOf(e.type()).next(s.state()));
    } catch (LifecycleException e) {
      return ScanOutcome.refused(index, s.waybill(), e.kind() == LifecycleException.Kind.FORBIDDEN
          ? ScanOutcome.Result.FORBIDDEN : ScanOutcome.Result.CONFLICT, e.state(), e.getMessage());
    } catch (ValidationException e) {
      return new ScanOutcome(index, s.waybill(), ScanOutcome.Result.INVALID, s.state(), null, e.errors());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
