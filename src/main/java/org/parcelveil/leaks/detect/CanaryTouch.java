package org.parcelveil.leaks.detect;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;

/**
 * Any touch of a canary parcel, by anyone, in any way (view, label, scan, reveal attempt, tracking, verification,
 * relayed call): no honest work ever reaches one, so one touch is a critical alert naming the exposed channel.
 */
final class CanaryTouch implements Detector {
  private final CanaryCheck canaries;
  private final UnaryOperator<String> clientTag;

  CanaryTouch(CanaryCheck canaries, UnaryOperator<String> clientTag) {
    this.canaries = canaries;
    this.clientTag = clientTag;
  }

  @Override
  public void onEvent(AccessEvent e, Consumer<AlertDraft> out) {
    if (e.waybill() == null || e.kind() == AccessEvent.Kind.REQUEST) {
      return;
    }
    Optional<String> channel = canaries.channelOf(e.waybill());
    if (channel.isEmpty()) {
      return;
    }
    String who = e.principalId() != null ? e.role() + " " + e.principalId()
        : e.client() != null ? "client " + clientTag.apply(e.client()) : "an unknown caller";
    String detail = "canary of channel " + channel.get() + " touched: " + e.kind().name().toLowerCase()
        + (e.detail() == null ? "" : " (" + e.detail() + ")") + " by " + who;
    String key = "canary|" + e.waybill() + "|" + (e.principalId() != null ? e.principalId() : e.client())
        + "|" + e.kind();
    out.accept(new AlertDraft(Severity.CRITICAL, "canary_touched", e.principalId(), e.waybill(), detail, e.at(), key));
  }
}
