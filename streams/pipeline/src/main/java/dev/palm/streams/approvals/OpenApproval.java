package dev.palm.streams.approvals;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An approval request waiting for its approvers; value of the {@code palm-approvals} store, removed
 * when the request is approved, rejected or expires.
 *
 * @param pack pack whose policy requires it
 * @param approvalId approval id ({@code approval-<operation id>})
 * @param operationId operation awaiting approval
 * @param requesterId actor id of the requester
 * @param requestedAt when it was opened (epoch ms, wall clock)
 * @param expiresAt requestedAt + approval_timeout_secs; at or after it the request expires
 * @param approvalsRequired distinct approvals needed
 * @param approvedBy approvers who approved so far, in order
 * @param escalationLevel highest escalation level reached, 0 for none
 * @param escalationRecipients recipients of the levels reached, who may approve too
 * @param ruleIds rules that require the approval
 * @param reasonCodes why approval is required
 * @param messages explanations for the approvers
 * @param auditSequence audit record of the request
 */
public record OpenApproval(
    String pack,
    String approvalId,
    String operationId,
    String requesterId,
    long requestedAt,
    long expiresAt,
    int approvalsRequired,
    List<String> approvedBy,
    int escalationLevel,
    List<String> escalationRecipients,
    List<String> ruleIds,
    List<String> reasonCodes,
    List<String> messages,
    long auditSequence) {

  public OpenApproval {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(approvalId, "approvalId");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(requesterId, "requesterId");
    approvedBy = approvedBy == null ? List.of() : List.copyOf(approvedBy);
    escalationRecipients =
        escalationRecipients == null ? List.of() : List.copyOf(escalationRecipients);
    ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
    reasonCodes = reasonCodes == null ? List.of() : List.copyOf(reasonCodes);
    messages = messages == null ? List.of() : List.copyOf(messages);
  }

  /**
   * The approval id of an operation: deterministic, so a replay after a crash produces the same id.
   */
  public static String idFor(String operationId) {
    return "approval-" + operationId;
  }

  /** Whether the request has expired at {@code now} (the boundary itself counts as expired). */
  public boolean expiredAt(long now) {
    return now >= expiresAt;
  }

  /** This request with one more approver. */
  public OpenApproval withApprover(String approverId) {
    List<String> approvers = new ArrayList<>(approvedBy);
    approvers.add(approverId);
    return new OpenApproval(
        pack,
        approvalId,
        operationId,
        requesterId,
        requestedAt,
        expiresAt,
        approvalsRequired,
        approvers,
        escalationLevel,
        escalationRecipients,
        ruleIds,
        reasonCodes,
        messages,
        auditSequence);
  }

  /** This request escalated to {@code level}, whose recipients may now approve as well. */
  public OpenApproval escalatedTo(int level, List<String> recipients) {
    List<String> all = new ArrayList<>(escalationRecipients);
    recipients.stream().filter(r -> !all.contains(r)).forEach(all::add);
    return new OpenApproval(
        pack,
        approvalId,
        operationId,
        requesterId,
        requestedAt,
        expiresAt,
        approvalsRequired,
        approvedBy,
        level,
        all,
        ruleIds,
        reasonCodes,
        messages,
        auditSequence);
  }
}
