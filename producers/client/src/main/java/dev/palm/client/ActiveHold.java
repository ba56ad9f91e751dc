package dev.palm.client;

import dev.palm.events.PolicyDecision;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A safety hold still in force: a {@code HELD} decision not followed by a later decision about the
 * same operation.
 *
 * @param holdId identifier of the hold (empty if the decision carried none)
 * @param pack pack whose safety holds placed it
 * @param operationId held operation
 * @param operation operation name
 * @param deploymentId deployment the operation targets
 * @param agentId agent concerned, if named
 * @param heldAt when the hold was placed
 * @param ruleIds rules that placed it
 * @param reasonCodes machine-readable reasons
 * @param messages explanations
 * @param auditSequence audit record documenting the hold
 */
public record ActiveHold(
    Optional<String> holdId,
    String pack,
    String operationId,
    String operation,
    String deploymentId,
    Optional<String> agentId,
    Instant heldAt,
    List<String> ruleIds,
    List<String> reasonCodes,
    List<String> messages,
    long auditSequence) {

  public ActiveHold {
    Objects.requireNonNull(holdId, "holdId");
    Objects.requireNonNull(operationId, "operationId");
    ruleIds = List.copyOf(ruleIds);
    reasonCodes = List.copyOf(reasonCodes);
    messages = List.copyOf(messages);
  }

  /** The hold a {@code HELD} decision places. */
  public static ActiveHold of(PolicyDecision decision) {
    return new ActiveHold(
        Optional.ofNullable(decision.getHoldId()),
        decision.getPack(),
        decision.getOperationId(),
        decision.getOperation(),
        decision.getDeploymentId(),
        Optional.ofNullable(decision.getAgentId()),
        decision.getDecidedAt(),
        decision.getRuleIds(),
        decision.getReasonCodes(),
        decision.getMessages(),
        decision.getAuditSequence());
  }
}
