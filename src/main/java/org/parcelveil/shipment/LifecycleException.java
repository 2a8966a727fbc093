package org.parcelveil.shipment;

import org.parcelveil.identity.Role;

/** An event that may not be recorded: why, and the shipment's current state for the 409 answer. */
public final class LifecycleException extends RuntimeException {
  /** Illegal transitions are conflicts (409); events by the wrong principal are forbidden (403). */
  public enum Kind { ILLEGAL_TRANSITION, FORBIDDEN }

  private final Kind kind;
  private final ShipmentState state;

  LifecycleException(Kind kind, ShipmentState state, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.state = state;
  }

  static LifecycleException illegal(EventType type, ShipmentState state) {
    return new LifecycleException(Kind.ILLEGAL_TRANSITION, state, type + " cannot follow " + state + ".");
  }

  static LifecycleException forbidden(ShipmentState state, String why) {
    return new LifecycleException(Kind.FORBIDDEN, state, why);
  }

  /** An event another feature's rule refuses in the current state (a 409 naming what to do instead). */
  public static LifecycleException conflict(ShipmentState state, String why) {
    return new LifecycleException(Kind.ILLEGAL_TRANSITION, state, why);
  }

  /** An event another feature's rule refuses to this principal (a 403). */
  public static LifecycleException refused(ShipmentState state, String why) {
    return forbidden(state, why);
  }

  static LifecycleException wrongRole(EventType type, Role role, ShipmentState state) {
    return forbidden(state, "The " + role.wireName() + " role may not record " + type + ".");
  }

  public Kind kind() {
    return kind;
  }

  public ShipmentState state() {
    return state;
  }
}
