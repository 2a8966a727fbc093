package org.parcelveil.leaks.detect;

import java.util.Optional;

/** Tells canary parcels apart: the channel a waybill was exposed through, if it is a canary. */
@FunctionalInterface
public interface CanaryCheck {
  Optional<String> channelOf(String waybill);
}
