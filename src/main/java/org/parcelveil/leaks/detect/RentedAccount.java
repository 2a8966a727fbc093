package org.parcelveil.leaks.detect;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;

/**
 * One principal using many client addresses at once: a phone moves between Wi-Fi and mobile data (two addresses,
 * perhaps three), an account rented out or shared is used from several places in the same minutes.
 */
final class RentedAccount implements Detector {
  private final DetectorSettings s;
  private final Map<String, Window> windows = new HashMap<>();

  RentedAccount(DetectorSettings s) {
    this.s = s;
  }

  @Override
  public void onEvent(AccessEvent e, Consumer<AlertDraft> out) {
    if (e.principalId() == null || e.client() == null) {
      return;
    }
    Window w = windows.computeIfAbsent(e.principalId(), k -> new Window(s.rentedWindow()));
    w.add(e.at(), e.client());
    int distinct = w.distinct(e.at());
    if (distinct >= s.rentedClients()) {
      out.accept(AlertDraft.of(Severity.HIGH, "rented_account", e.principalId(), null, distinct
          + " client addresses within " + s.rentedWindow().toMinutes() + " min (threshold " + s.rentedClients() + ")",
          e.at()));
    }
  }

  @Override
  public void onTick(Instant now, Consumer<AlertDraft> out) {
    windows.values().removeIf(w -> w.isEmpty(now));
  }
}
