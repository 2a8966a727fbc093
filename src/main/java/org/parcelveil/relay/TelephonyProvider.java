package org.parcelveil.relay;

/**
 * The telephony platform behind the relayed numbers. ParcelVeil tells it when a binding opens; the platform calls
 * {@code POST /v1/relay/route} when a call arrives and connects it to the target it is given. A real platform
 * (an AXN-style virtual number service) implements this; neither method ever receives a plain phone number.
 */
public interface TelephonyProvider {
  void bindingOpened(RelayBinding binding);

  void callRouted(RelayBinding binding, boolean connected, String reason);
}
