package dev.palm.streams.policy;

import dev.palm.audit.AuditChain;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.SourcePosition;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.RequestedOperation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The content of one audit record before it is chained: what happened, to which operation, by whom,
 * why.
 */
final class AuditDraft {

  private final AuditEventType type;
  private final ActorRef actor;
  private String operationId;
  private String operation;
  private String deploymentId;
  private String agentId;
  private Decision decision;
  private final List<String> ruleIds = new ArrayList<>();
  private final List<String> reasonCodes = new ArrayList<>();
  private final List<String> messages = new ArrayList<>();
  private String approvalId;
  private String holdId;
  private final Map<String, String> details = new TreeMap<>();
  private SourcePosition source;

  private AuditDraft(AuditEventType type, ActorRef actor) {
    this.type = type;
    this.actor = actor;
  }

  /** An entry of {@code type} recording an act of {@code actor}. */
  static AuditDraft of(AuditEventType type, ActorRef actor) {
    return new AuditDraft(type, actor);
  }

  /** Sets the operation the record is about (blank ids are recorded as absent). */
  AuditDraft about(RequestedOperation op) {
    operationId = blankToNull(op.operationId());
    operation = blankToNull(op.operation());
    deploymentId = blankToNull(op.deploymentId());
    agentId = op.agentId().filter(s -> !s.isBlank()).orElse(null);
    return this;
  }

  /** Sets the operation the record is about from its parts (blank ids are recorded as absent). */
  AuditDraft about(String id, String name, String deployment, Optional<String> agent) {
    operationId = blankToNull(id);
    operation = blankToNull(name);
    deploymentId = blankToNull(deployment);
    agentId = agent.filter(s -> !s.isBlank()).orElse(null);
    return this;
  }

  /** Sets only the operation id (for acts on operations that are not known). */
  AuditDraft aboutOperationId(String id) {
    operationId = blankToNull(id);
    return this;
  }

  AuditDraft decision(Decision d) {
    decision = d;
    return this;
  }

  AuditDraft findings(List<Finding> findings) {
    return grounds(Grounds.of(findings));
  }

  AuditDraft grounds(Grounds g) {
    ruleIds.addAll(g.ruleIds());
    reasonCodes.addAll(g.reasonCodes());
    messages.addAll(g.messages());
    return this;
  }

  AuditDraft reason(String code, String message) {
    reasonCodes.add(code);
    messages.add(message);
    return this;
  }

  AuditDraft approvalId(Optional<String> id) {
    approvalId = id.orElse(null);
    return this;
  }

  AuditDraft holdId(Optional<String> id) {
    holdId = id.orElse(null);
    return this;
  }

  /** Adds every entry of {@code more} as a detail. */
  AuditDraft details(java.util.Map<String, Object> more) {
    more.forEach(this::detail);
    return this;
  }

  AuditDraft detail(String key, Object value) {
    if (value != null) {
      details.put(key, String.valueOf(value));
    }
    return this;
  }

  AuditDraft source(Optional<SourcePosition> position) {
    source = position.orElse(null);
    return this;
  }

  /** Adds what the operation asked for, so the audit trail holds the request itself. */
  AuditDraft requestDetails(RequestedOperation op) {
    detail("request.requested_at", Instant.ofEpochMilli(op.requestedAt()));
    op.environment().ifPresent(v -> detail("request.environment", v));
    op.targetReplicas().ifPresent(v -> detail("request.target_replicas", v));
    op.instanceCount().ifPresent(v -> detail("request.instance_count", v));
    op.resources().cpuMillicores().ifPresent(v -> detail("request.resources.cpu_millicores", v));
    op.resources().memoryMb().ifPresent(v -> detail("request.resources.memory_mb", v));
    op.resources().storageMb().ifPresent(v -> detail("request.resources.storage_mb", v));
    op.resources().networkKbps().ifPresent(v -> detail("request.resources.network_kbps", v));
    op.justification().ifPresent(v -> detail("request.justification", v));
    op.traceId().ifPresent(v -> detail("request.trace_id", v));
    op.agentSpec().ifPresent(s -> detail("request.agent_spec", s.name() + "@" + s.version()));
    op.parameters().forEach((k, v) -> detail("request.parameter." + k, v));
    detail("request.fingerprint", op.fingerprint());
    op.proofKeyId().ifPresent(k -> detail("request.proof.key_id", k));
    return this;
  }

  String operationId() {
    return operationId;
  }

  String deploymentId() {
    return deploymentId;
  }

  /** The draft record, with the chain fields left for {@link AuditChain#append}. */
  AuditRecord draft(PackRuntime rt, long now) {
    List<AuditDetail> detailList = new ArrayList<>();
    if (actor.respelled()) {
      // the canonical id is what every rule compared; the id as sent is kept as evidence
      detailList.add(new AuditDetail("actor.id_as_sent", actor.asSent()));
    }
    details.forEach((k, v) -> detailList.add(new AuditDetail(k, v)));
    return AuditChain.draft()
        .setPack(rt.name())
        .setPackVersion(rt.version())
        .setRecordedAt(Instant.ofEpochMilli(now))
        .setEventType(type)
        .setOperationId(operationId)
        .setOperation(operation)
        .setDeploymentId(deploymentId)
        .setAgentId(agentId)
        .setActorId(actor.id())
        .setActorType(actor.type())
        .setDecision(decision)
        .setRuleIds(List.copyOf(ruleIds))
        .setReasonCodes(List.copyOf(reasonCodes))
        .setMessages(List.copyOf(messages))
        .setApprovalId(approvalId)
        .setHoldId(holdId)
        .setDetails(detailList)
        .setSource(source)
        .build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
