package org.parcelveil.shipment;

import java.util.List;
import org.parcelveil.validation.FieldError;

/**
 * What one parcel of a bulk scan came to: recorded (with the state it is in now), or why not. A scan of a bag is not
 * all-or-nothing: each parcel answers for itself, as it would if scanned alone.
 */
public record ScanOutcome(int index, String waybill, Result result, ShipmentState state, String detail,
    List<FieldError> errors) {

  /** Recorded, or the reason it was not (each as the single scan's status: 404, 403, 409, 400, or repeated). */
  public enum Result { RECORDED, NOT_FOUND, FORBIDDEN, CONFLICT, INVALID, REPEATED }

  public ScanOutcome {
    errors = List.copyOf(errors);
  }

  static ScanOutcome recorded(int index, String waybill, ShipmentState state) {
    return new ScanOutcome(index, waybill, Result.RECORDED, state, null, List.of());
  }

  static ScanOutcome refused(int index, String waybill, Result result, ShipmentState state, String detail) {
    return new ScanOutcome(index, waybill, result, state, detail, List.of());
  }

  public boolean ok() {
    return result == Result.RECORDED;
  }
}
