package dev.palm.streams.policy;

import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.PolicyDecision;
import dev.palm.streams.deployments.DeploymentState;
import dev.palm.streams.deployments.PackTotals;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.Messages;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.operations.RequestedOperation;
import dev.palm.streams.reconciliation.ReconciliationRequirement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes what every flow ends in: a decision's audit record, the decision itself (remembered as the
 * operation's idempotent answer), an allowed operation's effect on deployment state and its
 * reconciliation commitment, and the audit record of a refused act.
 */
final class DecisionWriter {

  private final AuditWriter audit;
  private final Reconciler reconciler;

  DecisionWriter(AuditWriter audit, Reconciler reconciler) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
  }

  /** Appends {@code draft} to the pack's chain and returns the record. */
  AuditRecord append(Step s, AuditDraft draft) {
    s.proofKey().ifPresent(k -> draft.detail("input.proof.key_id", k));
    return audit.append(s.tx(), s.rt(), draft, s.now());
  }

  /** An audit draft about the case, with its approval, hold, source and pre-audit link. */
  AuditDraft entry(Step s, AuditEventType type, ActorRef actor, Case c) {
    AuditDraft e =
        AuditDraft.of(type, actor)
            .about(c.op())
            .approvalId(c.approvalId())
            .holdId(c.holdId())
            .source(s.origin().source());
    if (c.withRequestDetails()) {
      e.requestDetails(c.op());
    }
    c.preAudit().ifPresent(seq -> e.detail("pre_audit_sequence", seq));
    return e;
  }

  /** Records a decision without state change, publishes it, and returns its audit sequence. */
  long decide(
      Step s,
      Case c,
      Decision decision,
      AuditEventType type,
      ActorRef actor,
      String decidedBy,
      Grounds grounds) {
    AuditRecord record = append(s, entry(s, type, actor, c).decision(decision).grounds(grounds));
    publish(s, c, decision, grounds, decidedBy, record.getSequence());
    return record.getSequence();
  }

  /** Denies the case on the pipeline's own authority, caused by {@code cause}. */
  long deny(Step s, Case c, ActorRef cause, List<Finding> findings) {
    return decide(
        s,
        c,
        Decision.DENIED,
        AuditEventType.DECISION,
        cause,
        ActorRef.SYSTEM_ID,
        Grounds.of(findings));
  }

  /** Records an ALLOWED decision, applies its effect to the deployment state, publishes it. */
  long allow(
      Step s,
      Case c,
      Transition effect,
      AuditEventType type,
      ActorRef actor,
      String decidedBy,
      Grounds grounds) {
    return allow(s, c, effect, type, actor, decidedBy, grounds, Map.of());
  }

  /** Like the other {@code allow}, with further {@code details} on the decision's record. */
  long allow(
      Step s,
      Case c,
      Transition effect,
      AuditEventType type,
      ActorRef actor,
      String decidedBy,
      Grounds grounds,
      Map<String, Object> details) {
    RequestedOperation op = c.op();
    Optional<Long> reconcileBy =
        op.operationId().isBlank()
            ? Optional.empty()
            : ReconciliationRequirement.dueAt(s.contract(), op, effect, s.now());
    AuditRecord decision =
        append(
            s,
            entry(s, type, actor, c)
                .decision(Decision.ALLOWED)
                .grounds(grounds)
                .detail("deployment.before", describe(effect.before()))
                .detail("deployment.after", describe(effect.after()))
                .detail(
                    "reconciliation.due_at", reconcileBy.map(Instant::ofEpochMilli).orElse(null))
                .details(details));
    reconcileBy.ifPresent(
        due ->
            reconciler.commit(
                s.tx(),
                s.rt(),
                op,
                c.approvalId(),
                c.holdId(),
                s.now(),
                due,
                decision.getSequence()));
    if (effect.changesState()) {
      applyEffect(s, c, effect, actor, decision.getSequence());
    }
    publish(s, c, Decision.ALLOWED, grounds, decidedBy, decision.getSequence());
    return decision.getSequence();
  }

  private void applyEffect(
      Step s, Case c, Transition effect, ActorRef actor, long decisionSequence) {
    RequestedOperation op = c.op();
    String deploymentKey = s.key(op.deploymentId());
    if (effect.after().isPresent()) {
      s.tx().put(s.stores().deployments(), deploymentKey, effect.after().get());
    } else {
      s.tx().delete(s.stores().deployments(), deploymentKey);
    }
    PackTotals totals = s.totals().apply(effect.before(), effect.after());
    s.tx().put(s.stores().totals(), s.pack(), totals);
    String change = effect.creates() ? "created" : effect.removes() ? "removed" : "changed";
    append(
        s,
        AuditDraft.of(AuditEventType.DEPLOYMENT_UPDATED, actor)
            .about(op)
            .source(s.origin().source())
            .reason(
                ReasonCodes.DEPLOYMENT_CHANGED,
                Messages.deploymentChanged(
                    op.deploymentId(),
                    change,
                    op.operation(),
                    describe(effect.before()),
                    describe(effect.after())))
            .detail("deployment.before", describe(effect.before()))
            .detail("deployment.after", describe(effect.after()))
            .detail("decision.audit_sequence", decisionSequence)
            .detail("pack.deployments", totals.deployments())
            .detail("pack.instances", totals.instances()));
  }

  /** Publishes a decision and remembers it as the operation's latest (the idempotent answer). */
  void publish(
      Step s, Case c, Decision decision, Grounds grounds, String decidedBy, long auditSequence) {
    RequestedOperation op = c.op();
    PolicyDecision published =
        PolicyDecision.newBuilder()
            .setOperationId(op.operationId())
            .setPack(s.pack())
            .setPackVersion(s.rt().version())
            .setOperation(op.operation())
            .setDeploymentId(op.deploymentId())
            .setAgentId(op.agentId().orElse(null))
            .setDecision(decision)
            .setRuleIds(grounds.ruleIds())
            .setReasonCodes(grounds.reasonCodes())
            .setMessages(grounds.messages())
            .setDecidedAt(Instant.ofEpochMilli(s.now()))
            .setDecidedBy(decidedBy)
            .setApprovalId(c.approvalId().orElse(null))
            .setHoldId(c.holdId().orElse(null))
            .setAuditSequence(auditSequence)
            .setPreAuditSequence(c.preAudit().orElse(null))
            .build();
    s.tx().forward(s.rt().decisionsSink(), op.operationId(), published);
    if (!op.operationId().isBlank()) {
      s.tx()
          .put(
              s.stores().operations(),
              s.key(op.operationId()),
              new OperationEntry(
                  op,
                  c.fingerprint(),
                  DecisionSnapshot.of(published),
                  c.approvalId(),
                  c.holdId(),
                  c.preAudit()));
    }
  }

  /**
   * Audits a refused hold release or approval response; nothing else changes.
   *
   * @param subject what the act addressed: its operation (when known), operation id and hold or
   *     approval id
   * @param generalCode the general refusal code put before the finding, if any
   */
  void refuse(
      Step s,
      AuditEventType type,
      ActorRef actor,
      Subject subject,
      Optional<String> generalCode,
      Finding finding) {
    AuditDraft e = AuditDraft.of(type, actor);
    if (subject.operation().isPresent()) {
      e.about(subject.operation().get());
    } else {
      e.aboutOperationId(subject.operationId());
    }
    if (type == AuditEventType.APPROVAL_RESPONSE) {
      e.approvalId(subject.id());
    } else {
      e.holdId(subject.id());
    }
    generalCode.ifPresent(code -> e.reason(code, Messages.refused(type, actor.id())));
    append(s, e.findings(List.of(finding)).detail("refused", true).source(s.origin().source()));
  }

  /**
   * What a hold release or approval answer addressed.
   *
   * @param operationId the operation id the act named (may be blank)
   * @param id the hold or approval id, when named or known
   * @param operation the operation, when it is known
   */
  record Subject(String operationId, Optional<String> id, Optional<RequestedOperation> operation) {}

  /** The finding of a record keyed by one pack that names another. */
  static Finding packMismatch(Step s, String named) {
    return new Finding(
        "validity.pack", ReasonCodes.PACK_MISMATCH, Messages.packMismatch(named, s.pack()));
  }

  static String describe(Optional<DeploymentState> state) {
    return state.map(DeploymentState::describe).orElse("absent");
  }
}
