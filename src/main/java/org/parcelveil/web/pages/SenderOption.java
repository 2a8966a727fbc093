package org.parcelveil.web.pages;

import org.parcelveil.sender.SavedSender;
import org.parcelveil.vault.Masked;

/** A saved sender as the new-shipment form's select offers it: masked, as a label shows it. */
public record SenderOption(String id, boolean isDefault, String label) {
  static SenderOption of(SavedSender s) {
    Masked m = s.masked();
    return new SenderOption(s.id(), s.isDefault(), m.name() + " " + m.phone() + " · " + m.area());
  }
}
