package dev.palm.streams.reconciliation;

import java.util.Objects;
import java.util.Optional;

/**
 * An allowed operation of a {@code reconciliation_required} type that still waits for its {@code
 * OperationOutcome}; value of the {@code palm-commitments} store, removed when an outcome settles
 * it.
 *
 * @param pack pack whose policy allowed the operation
 * @param operationId the allowed operation
 * @param operation operation name
 * @param deploymentId deployment it was allowed on
 * @param agentId agent it concerns, if named
 * @param approvalId its approval request, if it was approved
 * @param holdId its safety hold, if it was released from one
 * @param allowedAt when it was allowed (epoch ms, wall clock)
 * @param dueAt allowedAt + {@code extensions.reconciliation_window_secs}; at or after it the
 *     commitment is overdue
 * @param allowedAuditSequence audit record of the ALLOWED decision
 * @param overdueAuditSequence the {@code RECONCILIATION_OVERDUE} record, once the overdue alert was
 *     raised
 */
public record Commitment(
    String pack,
    String operationId,
    String operation,
    String deploymentId,
    Optional<String> agentId,
    Optional<String> approvalId,
    Optional<String> holdId,
    long allowedAt,
    long dueAt,
    long allowedAuditSequence,
    Optional<Long> overdueAuditSequence) {

  public Commitment {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(deploymentId, "deploymentId");
    agentId = Objects.requireNonNullElse(agentId, Optional.empty());
    approvalId = Objects.requireNonNullElse(approvalId, Optional.empty());
    holdId = Objects.requireNonNullElse(holdId, Optional.empty());
    overdueAuditSequence = Objects.requireNonNullElse(overdueAuditSequence, Optional.empty());
  }

  /** Whether the overdue alert was already raised (it is raised once). */
  public boolean overdue() {
    return overdueAuditSequence.isPresent();
  }

  /** Whether the window has passed at {@code now} (the boundary itself is past). */
  public boolean pastDueAt(long now) {
    return now >= dueAt;
  }

  /** Whether the overdue alert is due at {@code now}: past due and not alerted yet. */
  public boolean alertDueAt(long now) {
    return !overdue() && pastDueAt(now);
  }

  /** This commitment, marked as alerted by the audit record {@code sequence}. */
  public Commitment markedOverdue(long sequence) {
    return new Commitment(
        pack,
        operationId,
        operation,
        deploymentId,
        agentId,
        approvalId,
        holdId,
        allowedAt,
        dueAt,
        allowedAuditSequence,
        Optional.of(sequence));
  }
}
