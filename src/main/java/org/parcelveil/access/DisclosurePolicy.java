package org.parcelveil.access;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;

/**
 * Who may see which party's plain personal data, for what purpose, when. One table, checked in one place; every
 * case it does not list is refused. Admin and security never see plain data. Budgets are counted apart
 * ({@link DisclosureBudgets}) because they need the database.
 *
 * <p>Reasons, in the order they are checked: {@code role_not_allowed}, {@code purpose_not_allowed},
 * {@code party_not_allowed}, {@code ticket_required}, {@code not_assigned}, {@code wrong_state},
 * {@code outside_window}.
 */
public final class DisclosurePolicy {
  private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9_-]{3,40}");

  /** Which courier assignment a rule needs. */
  enum Assignment { NONE, PICKUP, DELIVERY }

  /** One row of the policy table. */
  record Rule(Role role, Purpose purpose, Set<String> parties, Set<String> states, Assignment assignment,
      boolean windowed, boolean ticket) {}

  static final List<Rule> RULES = List.of(
      new Rule(Role.COURIER, Purpose.DELIVERY, Set.of("recipient"), Set.of("OUT_FOR_DELIVERY", "DELIVERY_FAILED"),
          Assignment.DELIVERY, true, false),
      new Rule(Role.COURIER, Purpose.PICKUP, Set.of("sender"), Set.of("CREATED"), Assignment.PICKUP, false, false),
      new Rule(Role.SUPPORT, Purpose.SUPPORT, Set.of("recipient", "sender"),
          Set.of("CREATED", "PICKED_UP", "DROPPED_OFF", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED",
              "DELIVERY_FAILED", "RETURNED", "AT_PICKUP_POINT", "ON_HOLD"),
          Assignment.NONE, false, true));

  static final Set<Role> NEVER = EnumSet.of(Role.ADMIN, Role.SECURITY, Role.PLATFORM, Role.MERCHANT, Role.STATION);

  private final DisclosureLimits limits;

  public DisclosurePolicy(DisclosureLimits limits) {
    this.limits = limits;
  }

  public DisclosureLimits limits() {
    return limits;
  }

  public static boolean isValidTicket(String ticket) {
    return ticket != null && TICKET.matcher(ticket).matches();
  }

  public Decision decide(Principal p, DisclosureFacts f, String party, Purpose purpose, String ticket, Instant now) {
    List<Rule> forRole = RULES.stream().filter(r -> r.role() == p.role()).toList();
    if (forRole.isEmpty() || NEVER.contains(p.role())) {
      return Decision.refuse("role_not_allowed");
    }
    List<Rule> forPurpose = forRole.stream().filter(r -> r.purpose() == purpose).toList();
    if (forPurpose.isEmpty()) {
      return Decision.refuse("purpose_not_allowed");
    }
    Rule rule = forPurpose.stream().filter(r -> r.parties().contains(party)).findFirst().orElse(null);
    if (rule == null) {
      return Decision.refuse("party_not_allowed");
    }
    if (rule.ticket() && !isValidTicket(ticket)) {
      return Decision.refuse("ticket_required");
    }
    if (rule.assignment() == Assignment.PICKUP && !p.id().equals(f.pickupCourierId())
        || rule.assignment() == Assignment.DELIVERY && !p.id().equals(f.deliveryCourierId())) {
      return Decision.refuse("not_assigned");
    }
    if (!rule.states().contains(f.state())) {
      return Decision.refuse("wrong_state");
    }
    if (rule.windowed() && (f.assignedAt() == null || now.isAfter(f.assignedAt().plus(limits.deliveryWindow())))) {
      return Decision.refuse("outside_window");
    }
    return Decision.ALLOW;
  }
}
