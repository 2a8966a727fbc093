package org.parcelveil.web.privacy;

import java.time.LocalDate;
import java.util.List;
import org.parcelveil.subject.SubjectData;
import org.parcelveil.vault.Masked;
import org.parcelveil.vault.PartyRole;

/** One of the person's shipments as the privacy page lists it: masked, with whether it may be erased now. */
public record HeldRow(String waybill, String state, String destination, List<String> parties, Masked masked,
    LocalDate retentionEndsOn, boolean erasable) {

  static HeldRow of(SubjectData.Held h) {
    var s = h.shipment();
    return new HeldRow(s.waybill(), s.state().name(), s.destination().display(),
        h.parties().keySet().stream().map(PartyRole::wireName).toList(),
        h.parties().values().iterator().next().masked(), s.retentionDay(), h.erasable());
  }
}
