package org.parcelveil.leaks.attribution;

import org.jspecify.annotations.Nullable;

/** One line of a leaked list as found: any of a waybill, a phone and a name. Personal data: prints redacted. */
public record LeakRecord(@Nullable String waybill, @Nullable String phone, @Nullable String name) {

  /** True if the record holds more than a waybill, so only someone who saw the plain party could have made it. */
  public boolean personal() {
    return phone != null && !phone.isBlank() || name != null && !name.isBlank();
  }

  @Override
  public String toString() {
    return "LeakRecord[REDACTED]";
  }
}
