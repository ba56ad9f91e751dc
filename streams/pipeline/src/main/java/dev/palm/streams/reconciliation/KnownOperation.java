package dev.palm.streams.reconciliation;

import dev.palm.events.Decision;
import java.util.Objects;

/**
 * What the policy knows about the operation an outcome names: what was requested and its standing
 * decision.
 *
 * @param operation operation name as requested
 * @param deploymentId deployment as requested
 * @param decision the operation's latest decision
 */
public record KnownOperation(String operation, String deploymentId, Decision decision) {

  public KnownOperation {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(decision, "decision");
  }
}
