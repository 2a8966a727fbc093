package org.parcelveil.leaks.alert;

/** Where detectors' findings go: the service stores them; the evaluation harness only counts them. */
@FunctionalInterface
public interface AlertSink {
  Alert raise(AlertDraft draft);
}
