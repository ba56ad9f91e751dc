package dev.palm.streams.holds;

import dev.palm.packs.SafetyHoldsConfig;
import dev.palm.streams.deployments.RuleMatcher;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.operations.RequestedOperation;
import java.util.Optional;

/**
 * Step 4 of the policy (docs/architecture.md §4): whether an operation must be held by the pack's
 * safety holds.
 */
public final class HoldCheck {

  private HoldCheck() {}

  /** Why {@code op} is held, or empty when the holds let it through. */
  public static Optional<Finding> check(
      SafetyHoldsConfig holds, RequestedOperation op, Transition transition) {
    if (!holds.enabled()) {
      return Optional.empty();
    }
    return holds.blockedOperations().stream()
        .filter(blocked -> RuleMatcher.matches(blocked, op, transition))
        .findFirst()
        .map(
            blocked ->
                new Finding(
                    "safety_holds.blocked_operations",
                    ReasonCodes.SAFETY_HOLD,
                    op.operation()
                        + " is held: '"
                        + blocked
                        + "' is in safety_holds.blocked_operations; "
                        + holds
                            .autoReleaseAfterSecs()
                            .map(
                                s ->
                                    "it is released automatically after "
                                        + s
                                        + " s unless an authorized releaser releases or cancels it first")
                            .orElse("an authorized releaser must release or cancel it")));
  }

  /**
   * The auto-release time of a hold placed at {@code placedAt}, if the pack auto-releases holds.
   */
  public static Optional<Long> autoReleaseAt(SafetyHoldsConfig holds, long placedAt) {
    return holds.autoReleaseAfterSecs().map(secs -> placedAt + secs * 1000L);
  }
}
