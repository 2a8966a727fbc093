package org.parcelveil.web.privacy;

import org.jspecify.annotations.Nullable;
import org.parcelveil.subject.DisclosureHistory;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Messages;
import org.parcelveil.web.pages.PageTimes;

/**
 * One entry of "who saw my data" as the privacy page shows it, in the page's language: the time in Asia/Shanghai
 * (the page labels it), what was done, by whom (role, pseudonym, station), for what, and whether it was allowed. A
 * code the page has no words for (a newer action) is shown as the code, not hidden.
 */
public record SeenRow(String time, String action, String role, String principal, @Nullable String station,
    @Nullable String purpose, boolean allowed, @Nullable String reason) {

  static SeenRow of(DisclosureHistory.Disclosure d, Frame frame) {
    return new SeenRow(PageTimes.shown(d.time()), word(frame, "privacy.action.", d.action()),
        word(frame, "privacy.role.", d.role()), d.principal(), d.station(),
        d.purpose() == null ? null : word(frame, "privacy.purpose.", d.purpose()),
        "allowed".equals(d.outcome()), d.reason() == null ? null : word(frame, "privacy.reason.", d.reason()));
  }

  private static String word(Frame frame, String prefix, String code) {
    Messages m = frame.messages();
    return m.has(frame.lang(), prefix + code) || m.has(Messages.EN, prefix + code) ? frame.t(prefix + code) : code;
  }
}
