package dev.palm.streams.policy;

import dev.palm.events.Decision;
import dev.palm.streams.operations.RequestedOperation;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the policy remembers about one operation id; value of the {@code palm-operations}
 * store (the idempotency index). Kept after the operation is settled, so later duplicates get the
 * same answer.
 *
 * @param operation the request as first received
 * @param fingerprint {@link RequestedOperation#fingerprint()} of that request
 * @param decision the latest decision published for it
 * @param approvalId its approval request, if one was opened
 * @param holdId its safety hold, if one was placed
 * @param preAuditSequence its pre-audit record, if the pack requires one
 */
public record OperationEntry(
    RequestedOperation operation,
    String fingerprint,
    DecisionSnapshot decision,
    Optional<String> approvalId,
    Optional<String> holdId,
    Optional<Long> preAuditSequence) {

  public OperationEntry {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(decision, "decision");
    approvalId = Objects.requireNonNullElse(approvalId, Optional.empty());
    holdId = Objects.requireNonNullElse(holdId, Optional.empty());
    preAuditSequence = Objects.requireNonNullElse(preAuditSequence, Optional.empty());
  }

  /** The current decision. */
  public Decision status() {
    return Decision.valueOf(decision.decision());
  }
}
