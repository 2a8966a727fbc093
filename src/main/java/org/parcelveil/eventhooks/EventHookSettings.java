package org.parcelveil.eventhooks;

/**
 * Tracking webhooks' limits. Defaults: public targets only, 10 subscriptions per caller.
 *
 * @param allowPrivateTargets whether a subscription may point at loopback, private or link-local addresses: only
 *     for tests and closed networks, where every receiver is inside and no caller is a stranger
 * @param perCaller the most subscriptions one merchant or platform may hold at once
 */
public record EventHookSettings(boolean allowPrivateTargets, int perCaller) {
  public static final EventHookSettings DEFAULTS = new EventHookSettings(false, 10);

  public EventHookSettings {
    if (perCaller < 1 || perCaller > 1000) {
      throw new IllegalArgumentException("perCaller must be 1 to 1000, was " + perCaller);
    }
  }

  public EventHookSettings withAllowPrivateTargets(boolean allow) {
    return new EventHookSettings(allow, perCaller);
  }
}
