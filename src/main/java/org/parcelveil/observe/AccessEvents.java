package org.parcelveil.observe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place features report accesses to: it passes each event on to every subscriber. Built before the features
 * (they receive it in their constructors) so that the detectors, built later, can subscribe without a cycle.
 */
public final class AccessEvents implements AccessObserver {
  private static final Logger LOG = LoggerFactory.getLogger(AccessEvents.class);
  private final List<AccessObserver> subscribers = new CopyOnWriteArrayList<>();

  public void subscribe(AccessObserver observer) {
    subscribers.add(observer);
  }

  @Override
  public void record(AccessEvent event) {
    for (AccessObserver o : subscribers) {
      try {
        o.record(event);
      } catch (RuntimeException e) {
        // A detector's fault must never fail the request that reported; the event kind is safe to log.
        LOG.warn("access observer failed on a {} event: {}", event.kind(), e.getClass().getName());
      }
    }
  }
}
