package org.parcelveil.label;

import org.jspecify.annotations.Nullable;

/**
 * One line of a packing slip: what goes in the box and how many. Checked by {@link PackingSlips}; never stored,
 * logged or counted, and {@link #toString()} shows no text, as a merchant may type anything here.
 *
 * @param sku the merchant's stock code, or {@code null}
 */
public record PackingItem(String name, int quantity, @Nullable String sku) {
  @Override
  public String toString() {
    return "PackingItem[quantity=" + quantity + ", text=[REDACTED]]";
  }
}
