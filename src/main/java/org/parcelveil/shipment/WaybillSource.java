package org.parcelveil.shipment;

import java.util.List;

/** Where new waybill numbers come from (the {@code waybill} package's issuer in the service). */
public interface WaybillSource {
  List<String> next(int count);

  /** True if the text could be a number of this carrier (shape and check character); cheap, no database. */
  boolean isWellFormed(String waybill);
}
