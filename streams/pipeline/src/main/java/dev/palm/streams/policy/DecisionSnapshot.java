package dev.palm.streams.policy;

import dev.palm.events.Decision;
import dev.palm.events.DecisionKind;
import dev.palm.events.PolicyDecision;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest {@link PolicyDecision} of an operation as kept in the {@code palm-operations} store,
 * so a duplicate of the operation is answered with exactly the same record.
 *
 * @param operationId operation id
 * @param pack pack name
 * @param packVersion pack version
 * @param operation operation name
 * @param deploymentId deployment id
 * @param agentId agent id, if named
 * @param decision {@link Decision} name
 * @param ruleIds rules behind the decision
 * @param reasonCodes reason codes
 * @param messages messages
 * @param decidedAt epoch ms
 * @param decidedBy deciding actor id
 * @param approvalId approval opened or settled, if any
 * @param holdId hold placed or settled, if any
 * @param auditSequence audit record of the decision
 * @param preAuditSequence pre-audit record, if any
 * @param kind {@link DecisionKind} name
 */
public record DecisionSnapshot(
    String operationId,
    String pack,
    String packVersion,
    String operation,
    String deploymentId,
    Optional<String> agentId,
    String decision,
    List<String> ruleIds,
    List<String> reasonCodes,
    List<String> messages,
    long decidedAt,
    String decidedBy,
    Optional<String> approvalId,
    Optional<String> holdId,
    long auditSequence,
    Optional<Long> preAuditSequence,
    String kind) {

  public DecisionSnapshot {
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(decision, "decision");
    agentId = Objects.requireNonNullElse(agentId, Optional.empty());
    ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
    reasonCodes = reasonCodes == null ? List.of() : List.copyOf(reasonCodes);
    messages = messages == null ? List.of() : List.copyOf(messages);
    approvalId = Objects.requireNonNullElse(approvalId, Optional.empty());
    holdId = Objects.requireNonNullElse(holdId, Optional.empty());
    preAuditSequence = Objects.requireNonNullElse(preAuditSequence, Optional.empty());
    kind = kind == null ? DecisionKind.DECISION.name() : kind;
  }

  /** The snapshot of a published decision. */
  public static DecisionSnapshot of(PolicyDecision d) {
    return new DecisionSnapshot(
        d.getOperationId(),
        d.getPack(),
        d.getPackVersion(),
        d.getOperation(),
        d.getDeploymentId(),
        Optional.ofNullable(d.getAgentId()),
        d.getDecision().name(),
        d.getRuleIds(),
        d.getReasonCodes(),
        d.getMessages(),
        d.getDecidedAt().toEpochMilli(),
        d.getDecidedBy(),
        Optional.ofNullable(d.getApprovalId()),
        Optional.ofNullable(d.getHoldId()),
        d.getAuditSequence(),
        Optional.ofNullable(d.getPreAuditSequence()),
        d.getKind().name());
  }

  /** The decision as the Avro record published on the decisions topic. */
  public PolicyDecision toAvro() {
    return PolicyDecision.newBuilder()
        .setOperationId(operationId)
        .setPack(pack)
        .setPackVersion(packVersion)
        .setOperation(operation)
        .setDeploymentId(deploymentId)
        .setAgentId(agentId.orElse(null))
        .setDecision(Decision.valueOf(decision))
        .setRuleIds(ruleIds)
        .setReasonCodes(reasonCodes)
        .setMessages(messages)
        .setDecidedAt(Instant.ofEpochMilli(decidedAt))
        .setDecidedBy(decidedBy)
        .setApprovalId(approvalId.orElse(null))
        .setHoldId(holdId.orElse(null))
        .setAuditSequence(auditSequence)
        .setPreAuditSequence(preAuditSequence.orElse(null))
        .setKind(DecisionKind.valueOf(kind))
        .build();
  }
}
