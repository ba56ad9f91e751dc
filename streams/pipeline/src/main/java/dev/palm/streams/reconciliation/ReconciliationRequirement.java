package dev.palm.streams.reconciliation;

import dev.palm.packs.PlatformPack;
import dev.palm.streams.deployments.RuleMatcher;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.operations.RequestedOperation;
import java.util.Optional;

/**
 * Step 8 of docs/architecture.md §4, when an operation is allowed: whether it becomes a commitment
 * (its name, or its replica effect, matches {@code accountability.reconciliation_required}, see
 * {@link RuleMatcher}) and when it is due.
 */
public final class ReconciliationRequirement {

  /** Rule id of the commitment and of its overdue alert. */
  public static final String RULE = "accountability.reconciliation_required";

  /** Rule id of the window. */
  public static final String WINDOW_RULE = "extensions.reconciliation_window_secs";

  private ReconciliationRequirement() {}

  /**
   * When the outcome of {@code op}, allowed at {@code allowedAt} with effect {@code effect}, is
   * due: empty when the pack does not require its reconciliation.
   */
  public static Optional<Long> dueAt(
      PlatformPack pack, RequestedOperation op, Transition effect, long allowedAt) {
    boolean required =
        pack.policyConfig().accountability().reconciliationRequired().stream()
            .anyMatch(rule -> RuleMatcher.matches(rule, op, effect));
    if (!required) {
      return Optional.empty();
    }
    long windowSecs = pack.extensions().reconciliationWindowSecs();
    // An absurdly long window means "never overdue", not an arithmetic failure that would lose the
    // decision.
    if (windowSecs > (Long.MAX_VALUE - allowedAt) / 1000L) {
      return Optional.of(Long.MAX_VALUE);
    }
    return Optional.of(allowedAt + windowSecs * 1000L);
  }
}
