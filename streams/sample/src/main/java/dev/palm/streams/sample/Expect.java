package dev.palm.streams.sample;

import dev.palm.events.Decision;
import dev.palm.events.PolicyDecision;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision the sample workload expects on a pack's decisions topic for an operation: the
 * decision, a reason code it must carry and, where it matters, who must have decided it (an
 * approver, or {@code palm-system} for expiries and automatic releases).
 *
 * @param decision the expected decision
 * @param reasonCode a code that must be among the decision's reason codes
 * @param decidedBy the expected {@code decided_by}, when the path is about who decided
 */
public record Expect(Decision decision, String reasonCode, Optional<String> decidedBy) {

  /** Validates the components. */
  public Expect {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(decidedBy, "decidedBy");
  }

  /** An expected decision with a reason code, decided by anyone. */
  public static Expect of(Decision decision, String reasonCode) {
    return new Expect(decision, reasonCode, Optional.empty());
  }

  /** An expected decision with a reason code, decided by {@code decidedBy}. */
  public static Expect by(Decision decision, String reasonCode, String decidedBy) {
    return new Expect(decision, reasonCode, Optional.of(decidedBy));
  }

  /** Whether {@code observed} is this decision. */
  public boolean matches(PolicyDecision observed) {
    return observed.getDecision() == decision
        && observed.getReasonCodes().contains(reasonCode)
        && decidedBy.map(by -> by.equals(observed.getDecidedBy())).orElse(true);
  }

  @Override
  public String toString() {
    return decision + "(" + reasonCode + decidedBy.map(by -> ", by " + by).orElse("") + ")";
  }
}
