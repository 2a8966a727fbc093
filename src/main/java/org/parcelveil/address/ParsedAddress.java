package org.parcelveil.address;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link AddressParser} made of one pasted line: each part it found, and the pieces of text it could not place.
 * Holds personal data: prints without it.
 */
public record ParsedAddress(@Nullable String name, @Nullable String phone, Parts address, List<String> unparsed) {

  /** The address fields, as the shipment API takes them; a part not found is null. */
  public record Parts(@Nullable String province, @Nullable String city, @Nullable String district,
      @Nullable String street, @Nullable String detail) {
    @Override
    public String toString() {
      return "Parts[REDACTED]";
    }
  }

  public ParsedAddress {
    unparsed = List.copyOf(unparsed);
  }

  @Override
  public String toString() {
    return "ParsedAddress[REDACTED]";
  }
}
