package dev.palm.streams.policy;

import dev.palm.events.ApprovalResponse;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationOutcome;
import dev.palm.events.OperationRequested;
import dev.palm.events.StandingApproval;
import dev.palm.packs.EscalationLevel;
import dev.palm.streams.deployments.DeploymentTransitions;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.holds.HoldCheck;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.Messages;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.operations.RequestedOperation;
import dev.palm.streams.validity.ProofCheck;
import dev.palm.streams.validity.ValidityCheck;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The entry of the policy of docs/architecture.md §4 over one pack's state: it takes each input
 * (operation request, hold release, approval answer, outcome) or timer and hands it to the flow
 * that owns it. A new request runs validity, the pre-audit, the idempotency check and the safety
 * holds here, then continues in {@link AdmissionFlow} (limits, approval, effect); holds, approvals
 * and reconciliation have their flows ({@link HoldFlow}, {@link ApprovalFlow}, {@link Reconciler}),
 * and every decision is written by {@link DecisionWriter}. Every decision and every state change
 * appends exactly one audit record, in the same {@link Transaction} as the decision.
 */
final class PolicyEngine {

  private final Set<String> packNames;
  private final PolicyStores stores;
  private final AuditWriter audit;
  private final Reconciler reconciler;
  private final DecisionWriter writer;
  private final ApprovalFlow approvals;
  private final AdmissionFlow admission;
  private final HoldFlow holds;
  private final StandingApprovalFlow standing;

  PolicyEngine(Set<String> packNames, PolicyStores stores, List<String> auditListeners) {
    this.packNames = Set.copyOf(packNames);
    this.stores = Objects.requireNonNull(stores, "stores");
    this.audit = new AuditWriter(stores, auditListeners);
    this.reconciler = new Reconciler(stores, audit);
    this.writer = new DecisionWriter(audit, reconciler);
    this.approvals = new ApprovalFlow(writer);
    this.standing = new StandingApprovalFlow(writer);
    this.admission = new AdmissionFlow(writer, approvals, standing);
    this.holds = new HoldFlow(writer, admission);
  }

  private Step step(Transaction tx, PackRuntime rt, Origin o) {
    return new Step(tx, rt, stores, o);
  }

  /** Decides an operation request read in the order of pack {@code rt}. */
  void onOperation(Transaction tx, PackRuntime rt, OperationRequested event, Origin o) {
    Step s = step(tx, rt, o);
    RequestedOperation received = RequestedOperation.from(event);
    String fingerprint = received.fingerprint();
    ProofCheck.Result proof =
        ProofCheck.checkRequest(rt.requiresProof(), rt.name(), rt.keys(), event, o.now());
    RequestedOperation op = proof.verifiedKey().map(received::withProofKey).orElse(received);
    Optional<OperationEntry> existing = s.operationEntry(op.operationId());
    if (existing.isPresent()) {
      duplicate(s, existing.get(), op, fingerprint);
      return;
    }
    Optional<Long> preAudit = Optional.empty();
    if (rt.pack().policyConfig().accountability().requirePreAudit()) {
      AuditRecord receivedRecord =
          writer.append(
              s,
              AuditDraft.of(AuditEventType.OPERATION_RECEIVED, op.actor())
                  .about(op)
                  .reason(
                      ReasonCodes.OPERATION_RECEIVED,
                      Messages.operationReceived(
                          op.operation(), op.deploymentId(), op.actor().id()))
                  .requestDetails(op)
                  .source(o.source()));
      preAudit = Optional.of(receivedRecord.getSequence());
    }
    Case c = Case.received(op, fingerprint, preAudit);
    List<Finding> invalid = ValidityCheck.check(rt.pack(), packNames, op);
    if (!invalid.isEmpty()) {
      writer.deny(s, c, op.actor(), invalid);
      return;
    }
    if (proof.refusal().isPresent()) {
      // step 2: nobody can tell who asked, so the pipeline does not act (docs/decisions.md §2)
      writer.deny(s, c, op.actor(), List.of(proof.refusal().get()));
      return;
    }
    Transition effect =
        DeploymentTransitions.compute(rt.pack(), op, s.deployment(op.deploymentId()), o.now())
            .transition();
    Optional<Finding> hold = HoldCheck.check(rt.pack().policyConfig().safetyHolds(), op, effect);
    if (hold.isPresent()) {
      holds.place(s, c, hold.get());
      return;
    }
    admission.fromLimits(s, c, Optional.of(o.recordTime()), op.actor());
  }

  /** A request whose operation id is known: the original decision is published again. */
  private void duplicate(Step s, OperationEntry entry, RequestedOperation op, String fingerprint) {
    if (!entry.fingerprint().equals(fingerprint)) {
      // Same idempotency key, different request: the original decision stands, and the reuse is
      // recorded.
      RequestedOperation original = entry.operation();
      writer.append(
          s,
          AuditDraft.of(AuditEventType.OPERATION_RECEIVED, op.actor())
              .about(op)
              .decision(entry.status())
              .reason(
                  ReasonCodes.IDEMPOTENCY_KEY_REUSED,
                  Messages.idempotencyKeyReused(
                      op.operationId(),
                      original.operation(),
                      original.deploymentId(),
                      entry.status()))
              .requestDetails(op)
              .detail("original.fingerprint", entry.fingerprint())
              .detail("original.audit_sequence", entry.decision().auditSequence())
              .approvalId(entry.approvalId())
              .holdId(entry.holdId())
              .source(s.origin().source()));
    }
    s.tx().forward(s.rt().decisionsSink(), op.operationId(), entry.decision().toAvro());
  }

  /** A hold release or cancellation from {@code palm.holds.releases}. */
  void onRelease(Transaction tx, PackRuntime rt, HoldRelease event, Origin o) {
    holds.onRelease(step(tx, rt, o), event);
  }

  /** A standing approval or its revocation from {@code palm.approvals.grants}. */
  void onGrant(Transaction tx, PackRuntime rt, StandingApproval event, Origin o) {
    standing.onGrant(step(tx, rt, o), event);
  }

  /** An approver's answer from {@code palm.approvals.responses}. */
  void onResponse(Transaction tx, PackRuntime rt, ApprovalResponse event, Origin o) {
    approvals.onResponse(step(tx, rt, o), event);
  }

  /** Reconciles an executor's outcome read in the order of pack {@code rt} (step 8). */
  void onOutcome(Transaction tx, PackRuntime rt, OperationOutcome event, Origin o) {
    reconciler.onOutcome(tx, rt, event, o);
  }

  /**
   * Auto-releases the hold stored under {@code storeKey} if it is still active and due at {@code
   * now}.
   */
  void autoReleaseHold(Transaction tx, PackRuntime rt, String storeKey, long now) {
    holds.autoRelease(step(tx, rt, Origin.timer(now)), storeKey);
  }

  /**
   * Expires the approval stored under {@code storeKey} if it is still pending and expired at {@code
   * now}.
   */
  void expireApproval(Transaction tx, PackRuntime rt, String storeKey, long now) {
    approvals.expire(step(tx, rt, Origin.timer(now)), storeKey);
  }

  /**
   * Escalates the approval stored under {@code storeKey} to {@code level} if it has not reached it
   * yet.
   */
  void escalate(Transaction tx, PackRuntime rt, String storeKey, EscalationLevel level, long now) {
    approvals.escalate(step(tx, rt, Origin.timer(now)), storeKey, level);
  }

  /**
   * Raises the overdue alert of the commitment stored under {@code storeKey} if it is due at {@code
   * now}.
   */
  void raiseOverdue(Transaction tx, PackRuntime rt, String storeKey, long now) {
    reconciler.raiseOverdue(tx, rt, storeKey, now);
  }

  /**
   * Records an act of the pipeline itself (e.g. a topic repair) in the pack's chain and returns the
   * record.
   */
  AuditRecord recordSystemEvent(Transaction tx, PackRuntime rt, SystemEvent event, long now) {
    AuditDraft e =
        AuditDraft.of(event.type(), ActorRef.SYSTEM).reason(event.reasonCode(), event.message());
    event.details().forEach(e::detail);
    return audit.append(tx, rt, e, now);
  }
}
