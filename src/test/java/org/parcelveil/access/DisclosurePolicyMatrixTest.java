package org.parcelveil.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;

/**
 * The whole role × state × purpose × party matrix, each case with its expected outcome and reason, plus the
 * assignment, window and ticket variants. The oracle below restates the policy in plain conditionals, independent
 * of the table it checks.
 */
class DisclosurePolicyMatrixTest {
  static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  static final List<String> STATES = List.of("CREATED", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED",
      "DELIVERY_FAILED", "RETURNED");
  static final DisclosurePolicy POLICY = new DisclosurePolicy(DisclosureLimits.DEFAULTS);

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Role role : Role.values()) {
      for (String state : STATES) {
        for (Purpose purpose : Purpose.values()) {
          for (String party : List.of("recipient", "sender")) {
            for (String variant : List.of("ok", "unassigned", "late", "noticket")) {
              cases.add(Arguments.of(role, state, purpose, party, variant, expected(role, state, purpose, party, variant)));
            }
          }
        }
      }
    }
    return cases.stream();
  }

  static String expected(Role role, String state, Purpose purpose, String party, String variant) {
    if (role != Role.COURIER && role != Role.SUPPORT) {
      return "role_not_allowed";
    }
    if (role == Role.SUPPORT) {
      if (purpose != Purpose.SUPPORT) {
        return "purpose_not_allowed";
      }
      return variant.equals("noticket") ? "ticket_required" : "allowed";
    }
    if (purpose == Purpose.SUPPORT) {
      return "purpose_not_allowed";
    }
    boolean delivery = purpose == Purpose.DELIVERY;
    if (!party.equals(delivery ? "recipient" : "sender")) {
      return "party_not_allowed";
    }
    if (variant.equals("unassigned")) {
      return "not_assigned";
    }
    boolean stateOk = delivery ? state.equals("OUT_FOR_DELIVERY") || state.equals("DELIVERY_FAILED") : state.equals("CREATED");
    if (!stateOk) {
      return "wrong_state";
    }
    return delivery && variant.equals("late") ? "outside_window" : "allowed";
  }

  @ParameterizedTest(name = "{0} {1} {2} {3} {4} -> {5}")
  @MethodSource("matrix")
  void decide_followsThePolicyTable(Role role, String state, Purpose purpose, String party, String variant,
      String expected) {
    Principal p = new Principal("pr_me", role, "x", role.needsStation() ? "S1" : null, NOW, null);
    String assignee = variant.equals("unassigned") ? "pr_other" : "pr_me";
    Instant assignedAt = variant.equals("late") ? NOW.minus(Duration.ofHours(13)) : NOW.minus(Duration.ofHours(1));
    DisclosureFacts facts = new DisclosureFacts(state, assignee, assignee, assignedAt);
    String ticket = variant.equals("noticket") ? null : "TICKET-42";
    Decision d = POLICY.decide(p, facts, party, purpose, ticket, NOW);
    assertThat(d.allowed() ? "allowed" : d.reason()).isEqualTo(expected);
  }
}
