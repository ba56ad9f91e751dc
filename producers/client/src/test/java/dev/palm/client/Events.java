package dev.palm.client;

import dev.palm.events.ApprovalRequest;
import dev.palm.events.ApprovalRequestKind;
import dev.palm.events.Decision;
import dev.palm.events.DecisionKind;
import dev.palm.events.PolicyDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Builds the pipeline's output events as the topology would publish them, for tests that play the
 * pipeline.
 */
public final class Events {

  private Events() {}

  /** A decision about {@code operationId}. */
  public static PolicyDecision decision(
      String pack, String operationId, Decision decision, Instant at) {
    return PolicyDecision.newBuilder()
        .setOperationId(operationId)
        .setPack(pack)
        .setPackVersion("1.0.0")
        .setOperation("delete_deployment")
        .setDeploymentId("dep-" + operationId)
        .setDecision(decision)
        .setRuleIds(List.of("rule." + decision.name().toLowerCase(java.util.Locale.ROOT)))
        .setReasonCodes(List.of(decision.name() + "_REASON"))
        .setMessages(List.of("because " + decision))
        .setDecidedAt(at)
        .setDecidedBy("palm-system")
        .setHoldId(decision == Decision.HELD ? "hold-" + operationId : null)
        .setApprovalId(decision == Decision.PENDING_APPROVAL ? "appr-" + operationId : null)
        .setAuditSequence(1)
        .setKind(DecisionKind.DECISION)
        .build();
  }

  /**
   * An approval-topic record of {@code kind} for the operation's approval {@code
   * appr-<operationId>}.
   */
  public static ApprovalRequest approval(
      String pack, String operationId, ApprovalRequestKind kind, Instant requestedAt, int level) {
    return ApprovalRequest.newBuilder()
        .setApprovalId("appr-" + operationId)
        .setPack(pack)
        .setOperationId(operationId)
        .setOperation("delete_deployment")
        .setDeploymentId("dep-" + operationId)
        .setRequestedBy("alice")
        .setRequestedAt(requestedAt)
        .setExpiresAt(requestedAt.plus(Duration.ofHours(1)))
        .setKind(kind)
        .setEscalationLevel(level)
        .setEscalationName(level == 0 ? null : "level-" + level)
        .setRecipients(level == 0 ? List.of() : List.of("cto"))
        .setApprovalsRequired(1)
        .setApprovedBy(List.of())
        .setRuleIds(List.of("human_approval.always_required"))
        .setReasonCodes(List.of("APPROVAL_REQUIRED"))
        .setMessages(List.of("delete_deployment needs a human"))
        .setJustification("decommission")
        .setResolution(kind == ApprovalRequestKind.RESOLVED ? Decision.ALLOWED : null)
        .setAuditSequence(2)
        .build();
  }
}
