package org.parcelveil.shipment;

import org.parcelveil.identity.Role;

/**
 * An event that may not be recorded: why, what to do instead ({@link NextStep}), and the shipment's current state for
 * the answer.
 */
public final class LifecycleException extends RuntimeException {
  /** Illegal transitions are conflicts (409); events by the wrong principal are forbidden (403). */
  public enum Kind { ILLEGAL_TRANSITION, FORBIDDEN }

  private final Kind kind;
  private final ShipmentState state;
  private final NextStep next;

  LifecycleException(Kind kind, ShipmentState state, String message, NextStep next) {
    super(message + " " + next.english(), null, false, false);
    this.kind = kind;
    this.state = state;
    this.next = next;
  }

  static LifecycleException illegal(EventType type, ShipmentState state) {
    return illegal(type, state, NextStep.instead(type, state));
  }

  static LifecycleException illegal(EventType type, ShipmentState state, NextStep next) {
    return new LifecycleException(Kind.ILLEGAL_TRANSITION, state, type + " cannot follow " + state + ".", next);
  }

  static LifecycleException forbidden(ShipmentState state, String why, NextStep next) {
    return new LifecycleException(Kind.FORBIDDEN, state, why, next);
  }

  /** An event another feature's rule refuses in the current state (a 409 naming what to do instead). */
  public static LifecycleException conflict(ShipmentState state, String why, NextStep next) {
    return new LifecycleException(Kind.ILLEGAL_TRANSITION, state, why, next);
  }

  /** An event another feature's rule refuses to this principal (a 403). */
  public static LifecycleException refused(ShipmentState state, String why, NextStep next) {
    return forbidden(state, why, next);
  }

  static LifecycleException wrongRole(EventType type, Role role, ShipmentState state) {
    return forbidden(state, "The " + role.wireName() + " role may not record " + type + ".", NextStep.ASK_ANOTHER_ROLE);
  }

  public Kind kind() {
    return kind;
  }

  public ShipmentState state() {
    return state;
  }

  /** What to do instead. */
  public NextStep next() {
    return next;
  }
}
