package org.parcelveil.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default provider: writes one redacted line per binding and routed call, and places no call. */
public final class LoggingTelephonyProvider implements TelephonyProvider {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingTelephonyProvider.class);

  @Override
  public void bindingOpened(RelayBinding b) {
    LOG.info("relay binding {} opened: {} ext {} for {} on {}", b.id(), b.number(), b.extension(),
        b.courierId(), b.waybill());
  }

  @Override
  public void callRouted(RelayBinding b, boolean connected, String reason) {
    LOG.info("relay call on binding {}: {}", b.id(), connected ? "connected" : "rejected (" + reason + ")");
  }
}
