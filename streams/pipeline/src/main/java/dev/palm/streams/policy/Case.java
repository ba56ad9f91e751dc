package dev.palm.streams.policy;

import dev.palm.streams.operations.RequestedOperation;
import java.util.Optional;

/**
 * The facts about one operation carried from step to step of its evaluation.
 *
 * @param op the request
 * @param fingerprint the request's fingerprint, stored with its decision for idempotent answers
 * @param preAudit sequence of its pre-audit record, if the pack requires one
 * @param approvalId its approval request, once one was opened
 * @param holdId its safety hold, once one was placed
 * @param withRequestDetails whether the decision's audit record carries the request's details (when
 *     no pre-audit record carries them already)
 */
record Case(
    RequestedOperation op,
    String fingerprint,
    Optional<Long> preAudit,
    Optional<String> approvalId,
    Optional<String> holdId,
    boolean withRequestDetails) {

  /** A new request, not yet held or pending. */
  static Case received(RequestedOperation op, String fingerprint, Optional<Long> preAudit) {
    return new Case(
        op, fingerprint, preAudit, Optional.empty(), Optional.empty(), preAudit.isEmpty());
  }

  /** A request taken up again from its stored entry (a hold release, an approval answer, ...). */
  static Case of(OperationEntry e) {
    return new Case(
        e.operation(), e.fingerprint(), e.preAuditSequence(), e.approvalId(), e.holdId(), false);
  }

  Case withApproval(String id) {
    return new Case(op, fingerprint, preAudit, Optional.of(id), holdId, withRequestDetails);
  }

  Case withHold(String id) {
    return new Case(op, fingerprint, preAudit, approvalId, Optional.of(id), withRequestDetails);
  }
}
