package org.parcelveil.leaks.detect;

import java.time.Instant;
import java.util.function.Consumer;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.leaks.alert.AlertDraft;

/** One rule over the stream of access events. Called by one thread at a time, in event order. */
interface Detector {
  void onEvent(AccessEvent e, Consumer<AlertDraft> out);

  /** Time has moved on to {@code now} (checks that look for something that did not happen). */
  default void onTick(Instant now, Consumer<AlertDraft> out) {}
}
