package dev.palm.streams.operations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The human-readable messages the policy flows put beside their {@link ReasonCodes}, kept in one
 * place so that a code and its wording are read (and changed) together.
 */
public final class Messages {

  private Messages() {}

  /** {@code ": why"} for a non-blank reason or comment, else nothing. */
  public static String suffix(String reasonOrComment) {
    // a comment or reason from an input: bounded and escaped like every free text at the edge
    return reasonOrComment == null || reasonOrComment.isBlank()
        ? ""
        : ": " + new InputBounds().text("comment", reasonOrComment);
  }

  /** An id named by an input (e.g. the operation or approval a response names), bounded. */
  public static String named(String id) {
    return new InputBounds().id("id", id);
  }

  /** {@link ReasonCodes#OPERATION_RECEIVED}: the pre-audit record of a received request. */
  public static String operationReceived(String operation, String deploymentId, String actorId) {
    return operation + " on deployment '" + deploymentId + "' received from '" + actorId + "'";
  }

  /** {@link ReasonCodes#IDEMPOTENCY_KEY_REUSED}: an operation id reused for another request. */
  public static String idempotencyKeyReused(
      String operationId, String originalOperation, String originalDeployment, Object status) {
    return "operation id '"
        + operationId
        + "' was already used for "
        + originalOperation
        + " on deployment '"
        + originalDeployment
        + "'; this different request gets the original decision "
        + status
        + " and has no effect; use a new operation id";
  }

  /** {@link ReasonCodes#POLICY_PASSED}. */
  public static String policyPassed(String pack) {
    return "every rule of pack '" + pack + "' passed";
  }

  /** {@link ReasonCodes#PACK_MISMATCH}: a record keyed by one pack that names another. */
  public static String packMismatch(String namedPack, String key) {
    return "the record names pack '"
        + named(namedPack)
        + "' but was published with key '"
        + key
        + "'; publish it with the pack name as record key";
  }

  /** The general line of a refused hold release or approval response. */
  public static String refused(Object eventType, String actorId) {
    return eventType + " by '" + actorId + "' refused";
  }

  // ---------------------------------------------------------------- holds

  /** The {@code hold.auto_release_at} detail of a hold that is never released automatically. */
  public static final String NO_AUTO_RELEASE = "never (manual release only)";

  /** {@link ReasonCodes#HOLD_NOT_ACTIVE}. */
  public static String holdNotActive(Optional<String> holdId, String operationId) {
    return "no active hold "
        + holdId.map(id -> "'" + named(id) + "' ").orElse("")
        + "for operation '"
        + named(operationId)
        + "'; it was never placed, or was already released, cancelled or auto-released";
  }

  /** {@link ReasonCodes#HOLD_CANCELLED}. */
  public static String holdCancelled(String holdId, String releaserId, String reason) {
    return "hold " + holdId + " cancelled by '" + releaserId + "'" + suffix(reason);
  }

  /** {@link ReasonCodes#HOLD_RELEASED}. */
  public static String holdReleased(String holdId, String releaserId, String reason) {
    return "hold "
        + holdId
        + " released by '"
        + releaserId
        + "'"
        + suffix(reason)
        + "; evaluation continues at the limits";
  }

  /** {@link ReasonCodes#HOLD_AUTO_RELEASED}. */
  public static String holdAutoReleased(String holdId, Optional<Long> afterSecs) {
    return "hold "
        + holdId
        + " released automatically after "
        + afterSecs.map(String::valueOf).orElse("?")
        + " s (safety_holds.auto_release_after_secs); evaluation continues at the limits";
  }

  // ---------------------------------------------------------------- approvals

  /** The {@code approval.approvers} detail of a pack without an approver list. */
  public static final String ANY_APPROVER = "any human except the requester";

  /** {@link ReasonCodes#APPROVAL_NOT_PENDING}. */
  public static String approvalNotPending(Optional<String> approvalId, String operationId) {
    return "no pending approval "
        + approvalId.map(id -> "'" + named(id) + "' ").orElse("")
        + "for operation '"
        + named(operationId)
        + "'; it was never requested, or was already approved, rejected or expired";
  }

  /** {@link ReasonCodes#APPROVAL_REJECTED}. */
  public static String approvalRejected(String approverId, String comment) {
    return "rejected by '" + approverId + "'" + suffix(comment);
  }

  /** {@link ReasonCodes#DUPLICATE_APPROVAL}. */
  public static String duplicateApproval(String approverId) {
    return "'" + approverId + "' already approved; each approver counts once";
  }

  /** {@link ReasonCodes#APPROVAL_RECORDED}: one approval of several required. */
  public static String approvalRecorded(
      int count, int required, String approverId, String comment) {
    return "approval " + count + " of " + required + " by '" + approverId + "'" + suffix(comment);
  }

  /** {@link ReasonCodes#APPROVED}. */
  public static String approved(List<String> approvers, String comment) {
    return "approved by " + String.join(", ", approvers) + suffix(comment);
  }

  /** {@link ReasonCodes#APPROVAL_EXPIRED}. */
  public static String approvalExpired(
      String approvalId, long expiresAt, long timeoutSecs, int approvals, int required) {
    return "approval "
        + approvalId
        + " expired at "
        + Instant.ofEpochMilli(expiresAt)
        + ": no decision within approval_timeout_secs "
        + timeoutSecs
        + " s"
        + (approvals == 0 ? "" : " (" + approvals + " of " + required + " approvals)");
  }

  /** {@link ReasonCodes#APPROVAL_ESCALATED}. */
  public static String approvalEscalated(
      String approvalId, int level, String name, long afterSecs, List<String> recipients) {
    return "approval "
        + approvalId
        + " escalated to level "
        + level
        + " ("
        + name
        + ") after "
        + afterSecs
        + " s without a decision; recipients: "
        + String.join(", ", recipients);
  }

  // ---------------------------------------------------------------- deployment state

  /** {@link ReasonCodes#DEPLOYMENT_CHANGED}. */
  public static String deploymentChanged(
      String deploymentId, String change, String operation, String before, String after) {
    return "deployment '"
        + deploymentId
        + "' "
        + change
        + " by "
        + operation
        + " ("
        + before
        + " -> "
        + after
        + ")";
  }
}
