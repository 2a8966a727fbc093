package org.parcelveil.shipment;

import java.util.List;
import org.parcelveil.validation.Check;
import org.parcelveil.validation.FieldError;
import org.parcelveil.validation.ValidationException;

/**
 * {@code POST /v1/scans/bulk} as the client sends it: one event {@code type} for a bag or cage of parcels, their
 * numbers, and how many the scanner counted. The count must equal the list's length, so a parcel lost between the
 * scanner and the request is noticed before anything is recorded.
 */
public record BulkScan(String type, List<String> waybills, Integer count, String courierId) {
  /** The most parcels one request records: a large cage, and a bounded time for the request. */
  public static final int MAX_PARCELS = 500;

  /**
   * The numbers to scan, each normalised ({@link ScanNumber}).
   *
   * @throws ValidationException naming {@code type}, {@code waybills}, {@code waybills[i]} or {@code count}; nothing
   *     has been recorded then
   */
  List<String> checkedNumbers() {
    Check check = new Check();
    if (type == null || type.isBlank()) {
      check.fail("type", "is required");
    }
    if (waybills == null || waybills.isEmpty()) {
      check.fail("waybills", "must hold at least one waybill number");
    } else if (waybills.size() > MAX_PARCELS) {
      check.fail("waybills", "must hold at most " + MAX_PARCELS + " waybill numbers; scan a larger load in parts");
    }
    if (count == null) {
      check.fail("count", "is required: the number of parcels counted in the bag or cage");
    } else if (waybills != null && count != waybills.size()) {
      check.fail("count", "is " + count + " but " + waybills.size() + " waybill numbers were sent; nothing was recorded");
    }
    check.throwIfInvalid();
    List<FieldError> bad = new java.util.ArrayList<>();
    for (int i = 0; i < waybills.size(); i++) {
      String w = waybills.get(i);
      if (w == null || w.isBlank()) {
        bad.add(new FieldError("waybills[" + i + "]", "is empty"));
      } else if (w.length() > ScanNumber.MAX_TYPED) {
        bad.add(new FieldError("waybills[" + i + "]", "is longer than " + ScanNumber.MAX_TYPED + " characters"));
      }
    }
    if (!bad.isEmpty()) {
      throw new ValidationException(bad);
    }
    return waybills.stream().map(ScanNumber::normalize).toList();
  }
}
