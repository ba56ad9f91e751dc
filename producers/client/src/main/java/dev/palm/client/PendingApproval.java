package dev.palm.client;

import dev.palm.events.ApprovalRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An approval request that is still open, as the latest request or escalation record of the pack's
 * approvals topic describes it.
 *
 * @param approvalId identifier of the request
 * @param pack pack whose policy requires it
 * @param operationId operation awaiting approval
 * @param operation operation name
 * @param deploymentId deployment the operation targets
 * @param agentId agent concerned, if named
 * @param requestedBy requester (who may not approve unless the pack allows self-approval)
 * @param requestedAt when it was opened
 * @param expiresAt when it expires unanswered
 * @param escalationLevel 0 for the original request, else the escalation level reached
 * @param escalationName name of the escalation level reached
 * @param recipients who is asked (empty: anyone but the requester)
 * @param approvalsRequired distinct approvals needed
 * @param approvedBy approvers who approved so far
 * @param ruleIds pack rules that require the approval
 * @param reasonCodes machine-readable reasons
 * @param messages explanations for approvers
 * @param targetReplicas replica count requested
 * @param instanceCount instance count requested
 * @param justification requester's justification
 * @param auditSequence audit record documenting the latest step
 */
public record PendingApproval(
    String approvalId,
    String pack,
    String operationId,
    String operation,
    String deploymentId,
    Optional<String> agentId,
    String requestedBy,
    Instant requestedAt,
    Instant expiresAt,
    int escalationLevel,
    Optional<String> escalationName,
    List<String> recipients,
    int approvalsRequired,
    List<String> approvedBy,
    List<String> ruleIds,
    List<String> reasonCodes,
    List<String> messages,
    Optional<Integer> targetReplicas,
    Optional<Integer> instanceCount,
    Optional<String> justification,
    long auditSequence) {

  public PendingApproval {
    Objects.requireNonNull(approvalId, "approvalId");
    Objects.requireNonNull(operationId, "operationId");
    recipients = List.copyOf(recipients);
    approvedBy = List.copyOf(approvedBy);
    ruleIds = List.copyOf(ruleIds);
    reasonCodes = List.copyOf(reasonCodes);
    messages = List.copyOf(messages);
  }

  /** The open request described by an approvals-topic record. */
  public static PendingApproval of(ApprovalRequest request) {
    return new PendingApproval(
        request.getApprovalId(),
        request.getPack(),
        request.getOperationId(),
        request.getOperation(),
        request.getDeploymentId(),
        Optional.ofNullable(request.getAgentId()),
        request.getRequestedBy(),
        request.getRequestedAt(),
        request.getExpiresAt(),
        request.getEscalationLevel(),
        Optional.ofNullable(request.getEscalationName()),
        request.getRecipients(),
        request.getApprovalsRequired(),
        request.getApprovedBy(),
        request.getRuleIds(),
        request.getReasonCodes(),
        request.getMessages(),
        Optional.ofNullable(request.getTargetReplicas()),
        Optional.ofNullable(request.getInstanceCount()),
        Optional.ofNullable(request.getJustification()),
        request.getAuditSequence());
  }

  /**
   * Whether the request is past its expiry although no resolution was published yet (the pipeline
   * settles it as {@code APPROVAL_EXPIRED} when it next runs its timer).
   */
  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
