package dev.palm.streams.policy;

import dev.palm.events.ApprovalRequest;
import dev.palm.events.ApprovalRequestKind;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.ApprovalVerdict;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.HoldAction;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationOutcome;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.events.SourcePosition;
import dev.palm.packs.EscalationLevel;
import dev.palm.packs.HumanApprovalConfig;
import dev.palm.packs.PackExtensions;
import dev.palm.streams.approvals.ApprovalRequirement;
import dev.palm.streams.approvals.OpenApproval;
import dev.palm.streams.deployments.DeploymentState;
import dev.palm.streams.deployments.DeploymentTransitions;
import dev.palm.streams.deployments.PackTotals;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.deployments.TransitionResult;
import dev.palm.streams.holds.Hold;
import dev.palm.streams.holds.HoldCheck;
import dev.palm.streams.limits.LimitsCheck;
import dev.palm.streams.limits.RateWindow;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.AuthorizedActors;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.operations.RequestedOperation;
import dev.palm.streams.reconciliation.ReconciliationRequirement;
import dev.palm.streams.validity.ValidityCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The policy of docs/architecture.md §4 as a sequence of steps over one pack's state: validity,
 * (pre-audit,) safety holds, limits, human approval, and the allowed operation's effect on
 * deployment state; plus the acts that settle a held or pending operation later (hold
 * release/cancel/auto-release, approval responses, expiry, escalation). Every decision and every
 * state change appends exactly one audit record through {@link AuditWriter}, in the same {@link
 * Transaction} as the decision. Reconciliation of allowed operations with their outcomes (step 8)
 * is delegated to {@link Reconciler}.
 */
final class PolicyEngine {

  /**
   * Where and when the handled input happened.
   *
   * @param source Kafka position of the input, empty for timers
   * @param recordTime the input record's timestamp (the timer's time for timers), for the rate
   *     window
   * @param now wall-clock time of the handling, for decisions, audit records and timeouts
   */
  record Origin(Optional<SourcePosition> source, long recordTime, long now) {

    /** The origin of a timer firing at {@code now}. */
    static Origin timer(long now) {
      return new Origin(Optional.empty(), now, now);
    }
  }

  /** The facts about one operation carried from step to step. */
  private record Case(
      RequestedOperation op,
      String fingerprint,
      Optional<Long> preAudit,
      Optional<String> approvalId,
      Optional<String> holdId,
      boolean withRequestDetails) {

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

  private final Set<String> packNames;
  private final PolicyStores stores;
  private final AuditWriter audit;
  private final Reconciler reconciler;

  PolicyEngine(Set<String> packNames, PolicyStores stores, List<String> auditListeners) {
    this.packNames = Set.copyOf(packNames);
    this.stores = Objects.requireNonNull(stores, "stores");
    this.audit = new AuditWriter(stores, auditListeners);
    this.reconciler = new Reconciler(stores, audit);
  }

  /** Reconciles an executor's outcome read in the order of pack {@code rt} (step 8). */
  void onOutcome(Transaction tx, PackRuntime rt, OperationOutcome event, Origin o) {
    reconciler.onOutcome(tx, rt, event, o);
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

  // ---------------------------------------------------------------- operations

  /** Decides an operation request read in the order of pack {@code rt}. */
  void onOperation(Transaction tx, PackRuntime rt, OperationRequested event, Origin o) {
    RequestedOperation op = RequestedOperation.from(event);
    String fingerprint = op.fingerprint();
    Optional<OperationEntry> existing = operationEntry(tx, rt, op.operationId());
    if (existing.isPresent()) {
      duplicate(tx, rt, existing.get(), op, fingerprint, o);
      return;
    }
    Optional<Long> preAudit = Optional.empty();
    if (rt.pack().policyConfig().accountability().requirePreAudit()) {
      AuditRecord received =
          audit.append(
              tx,
              rt,
              AuditDraft.of(AuditEventType.OPERATION_RECEIVED, op.actor())
                  .about(op)
                  .reason(
                      ReasonCodes.OPERATION_RECEIVED,
                      op.operation()
                          + " on deployment '"
                          + op.deploymentId()
                          + "' received from '"
                          + op.actor().id()
                          + "'")
                  .requestDetails(op)
                  .source(o.source()),
              o.now());
      preAudit = Optional.of(received.getSequence());
    }
    Case c =
        new Case(op, fingerprint, preAudit, Optional.empty(), Optional.empty(), preAudit.isEmpty());

    List<Finding> invalid = ValidityCheck.check(rt.pack(), packNames, op);
    if (!invalid.isEmpty()) {
      decide(
          tx,
          rt,
          c,
          Decision.DENIED,
          AuditEventType.DECISION,
          op.actor(),
          ActorRef.SYSTEM_ID,
          Grounds.of(invalid),
          o);
      return;
    }
    Transition effect =
        DeploymentTransitions.compute(rt.pack(), op, deployment(tx, rt, op.deploymentId()), o.now())
            .transition();
    Optional<Finding> hold = HoldCheck.check(rt.pack().policyConfig().safetyHolds(), op, effect);
    if (hold.isPresent()) {
      placeHold(tx, rt, c, hold.get(), o);
      return;
    }
    evaluateFromLimits(tx, rt, c, Optional.of(o.recordTime()), op.actor(), o);
  }

  private void duplicate(
      Transaction tx,
      PackRuntime rt,
      OperationEntry entry,
      RequestedOperation op,
      String fingerprint,
      Origin o) {
    if (!entry.fingerprint().equals(fingerprint)) {
      // Same idempotency key, different request: the original decision stands, and the reuse is
      // recorded.
      RequestedOperation original = entry.operation();
      audit.append(
          tx,
          rt,
          AuditDraft.of(AuditEventType.OPERATION_RECEIVED, op.actor())
              .about(op)
              .decision(entry.status())
              .reason(
                  ReasonCodes.IDEMPOTENCY_KEY_REUSED,
                  "operation id '"
                      + op.operationId()
                      + "' was already used for "
                      + original.operation()
                      + " on deployment '"
                      + original.deploymentId()
                      + "'; this different request gets the original decision "
                      + entry.status()
                      + " and has no effect; use a new operation id")
              .requestDetails(op)
              .detail("original.fingerprint", entry.fingerprint())
              .detail("original.audit_sequence", entry.decision().auditSequence())
              .approvalId(entry.approvalId())
              .holdId(entry.holdId())
              .source(o.source()),
          o.now());
    }
    tx.forward(rt.decisionsSink(), op.operationId(), entry.decision().toAvro());
  }

  /** Steps 5 to 7: limits, human approval, and the allowed operation's effect. */
  private void evaluateFromLimits(
      Transaction tx, PackRuntime rt, Case c, Optional<Long> rateTime, ActorRef cause, Origin o) {
    RequestedOperation op = c.op();
    TransitionResult result =
        DeploymentTransitions.compute(
            rt.pack(), op, deployment(tx, rt, op.deploymentId()), o.now());
    if (result instanceof TransitionResult.Rejected rejected) {
      decide(
          tx,
          rt,
          c,
          Decision.DENIED,
          AuditEventType.DECISION,
          cause,
          ActorRef.SYSTEM_ID,
          Grounds.of(List.of(rejected.finding())),
          o);
      return;
    }
    Transition effect = result.transition();
    RateWindow window = tx.get(stores.rateWindows(), rt.name()).orElse(RateWindow.EMPTY);
    Optional<Long> rateNow = rateTime.map(window::clock);
    List<Finding> breaches = LimitsCheck.check(rt.pack(), effect, totals(tx, rt), window, rateNow);
    if (!breaches.isEmpty()) {
      decide(
          tx,
          rt,
          c,
          Decision.DENIED,
          AuditEventType.DECISION,
          cause,
          ActorRef.SYSTEM_ID,
          Grounds.of(breaches),
          o);
      return;
    }
    rateNow.ifPresent(
        now ->
            tx.put(
                stores.rateWindows(),
                rt.name(),
                window.admit(now, rt.pack().policyConfig().limits().rateLimitPerMinute())));
    List<Finding> approval =
        ApprovalRequirement.check(rt.pack().policyConfig().humanApproval(), op, effect);
    if (!approval.isEmpty()) {
      openApproval(tx, rt, c, approval, cause, o);
      return;
    }
    allow(
        tx,
        rt,
        c,
        effect,
        AuditEventType.DECISION,
        cause,
        ActorRef.SYSTEM_ID,
        Grounds.reason(ReasonCodes.POLICY_PASSED, "every rule of pack '" + rt.name() + "' passed"),
        o);
  }

  // ---------------------------------------------------------------- holds

  private void placeHold(Transaction tx, PackRuntime rt, Case c, Finding finding, Origin o) {
    RequestedOperation op = c.op();
    String holdId = Hold.idFor(op.operationId());
    Case held = c.withHold(holdId);
    Optional<Long> autoReleaseAt =
        HoldCheck.autoReleaseAt(rt.pack().policyConfig().safetyHolds(), o.now());
    AuditRecord record =
        audit.append(
            tx,
            rt,
            entry(AuditEventType.HOLD_PLACED, op.actor(), held, o)
                .decision(Decision.HELD)
                .findings(List.of(finding))
                .detail(
                    "hold.auto_release_at",
                    autoReleaseAt
                        .map(t -> Instant.ofEpochMilli(t).toString())
                        .orElse("never (manual release only)")),
            o.now());
    tx.put(
        stores.holds(),
        key(rt, holdId),
        new Hold(
            rt.name(),
            holdId,
            op.operationId(),
            op.actor().id(),
            o.now(),
            autoReleaseAt,
            List.of(finding.ruleId()),
            record.getSequence()));
    publish(
        tx,
        rt,
        held,
        Decision.HELD,
        Grounds.of(List.of(finding)),
        ActorRef.SYSTEM_ID,
        record.getSequence(),
        o.now());
  }

  /** A hold release or cancellation from {@code palm.holds.releases}. */
  void onRelease(Transaction tx, PackRuntime rt, HoldRelease event, Origin o) {
    ActorRef releaser = ActorRef.of(event.getReleasedBy());
    boolean cancel = event.getAction() == HoldAction.CANCEL;
    AuditEventType type = cancel ? AuditEventType.HOLD_CANCELLED : AuditEventType.HOLD_RELEASED;
    String operationId = Objects.requireNonNullElse(event.getOperationId(), "");
    if (!rt.name().equals(event.getPack())) {
      refuse(
          tx,
          rt,
          type,
          releaser,
          operationId,
          Optional.ofNullable(event.getHoldId()),
          Optional.empty(),
          ReasonCodes.HOLD_RELEASE_REFUSED,
          packMismatch(rt, event.getPack()),
          o);
      return;
    }
    Optional<OperationEntry> entry = operationEntry(tx, rt, operationId);
    Optional<String> holdId =
        Optional.ofNullable(event.getHoldId()).or(() -> entry.flatMap(OperationEntry::holdId));
    Optional<Hold> hold =
        holdId
            .flatMap(id -> tx.get(stores.holds(), key(rt, id)))
            .filter(h -> operationId.isBlank() || h.operationId().equals(operationId));
    if (hold.isEmpty()) {
      refuse(
          tx,
          rt,
          type,
          releaser,
          operationId,
          holdId,
          entry.map(OperationEntry::operation),
          ReasonCodes.HOLD_RELEASE_REFUSED,
          new Finding(
              "safety_holds",
              ReasonCodes.HOLD_NOT_ACTIVE,
              "no active hold "
                  + holdId.map(id -> "'" + id + "' ").orElse("")
                  + "for operation '"
                  + operationId
                  + "'; it was never placed, or was already released, cancelled or"
                  + " auto-released"),
          o);
      return;
    }
    Hold h = hold.get();
    OperationEntry held = requireEntry(tx, rt, h.operationId());
    PackExtensions ext = rt.pack().extensions();
    boolean ownList = !ext.holdReleasers().isEmpty();
    Optional<Finding> refusal =
        AuthorizedActors.check(
            releaser,
            ownList ? ext.holdReleasers() : ext.approvers(),
            h.requesterId(),
            ext.allowSelfApproval(),
            ownList ? "extensions.hold_releasers" : "extensions.approvers",
            "hold releaser",
            ReasonCodes.RELEASER_NOT_AUTHORIZED);
    if (refusal.isPresent()) {
      refuse(
          tx,
          rt,
          type,
          releaser,
          h.operationId(),
          Optional.of(h.holdId()),
          Optional.of(held.operation()),
          ReasonCodes.HOLD_RELEASE_REFUSED,
          refusal.get(),
          o);
      return;
    }
    tx.delete(stores.holds(), key(rt, h.holdId()));
    Case c = Case.of(held);
    String why =
        Optional.ofNullable(event.getReason())
            .filter(s -> !s.isBlank())
            .map(s -> ": " + s)
            .orElse("");
    if (cancel) {
      decide(
          tx,
          rt,
          c,
          Decision.DENIED,
          AuditEventType.HOLD_CANCELLED,
          releaser,
          releaser.id(),
          new Grounds(
              h.ruleIds(),
              List.of(ReasonCodes.HOLD_CANCELLED),
              List.of("hold " + h.holdId() + " cancelled by '" + releaser.id() + "'" + why)),
          o);
      return;
    }
    audit.append(
        tx,
        rt,
        entry(AuditEventType.HOLD_RELEASED, releaser, c, o)
            .reason(
                ReasonCodes.HOLD_RELEASED,
                "hold "
                    + h.holdId()
                    + " released by '"
                    + releaser.id()
                    + "'"
                    + why
                    + "; evaluation continues at the limits"),
        o.now());
    evaluateFromLimits(tx, rt, c, Optional.of(o.recordTime()), releaser, o);
  }

  /**
   * Auto-releases the hold stored under {@code storeKey} if it is still active and due at {@code
   * now}.
   */
  void autoReleaseHold(Transaction tx, PackRuntime rt, String storeKey, long now) {
    Optional<Hold> hold = tx.get(stores.holds(), storeKey).filter(h -> h.dueAt(now));
    if (hold.isEmpty()) {
      return;
    }
    Hold h = hold.get();
    OperationEntry held = requireEntry(tx, rt, h.operationId());
    tx.delete(stores.holds(), storeKey);
    Case c = Case.of(held);
    Origin o = Origin.timer(now);
    audit.append(
        tx,
        rt,
        entry(AuditEventType.HOLD_AUTO_RELEASED, ActorRef.SYSTEM, c, o)
            .reason(
                ReasonCodes.HOLD_AUTO_RELEASED,
                "hold "
                    + h.holdId()
                    + " released automatically after "
                    + rt.pack()
                        .policyConfig()
                        .safetyHolds()
                        .autoReleaseAfterSecs()
                        .map(String::valueOf)
                        .orElse("?")
                    + " s (safety_holds.auto_release_after_secs); evaluation continues at the limits"),
        now);
    evaluateFromLimits(tx, rt, c, Optional.of(now), ActorRef.SYSTEM, o);
  }

  // ---------------------------------------------------------------- approvals

  private void openApproval(
      Transaction tx, PackRuntime rt, Case c, List<Finding> findings, ActorRef cause, Origin o) {
    RequestedOperation op = c.op();
    HumanApprovalConfig config = rt.pack().policyConfig().humanApproval();
    PackExtensions ext = rt.pack().extensions();
    String approvalId = OpenApproval.idFor(op.operationId());
    Case pending = c.withApproval(approvalId);
    long expiresAt = o.now() + config.approvalTimeoutSecs() * 1000L;
    int required = Math.max(1, ext.approvalsRequired());
    AuditRecord record =
        audit.append(
            tx,
            rt,
            entry(AuditEventType.APPROVAL_REQUESTED, cause, pending, o)
                .decision(Decision.PENDING_APPROVAL)
                .findings(findings)
                .detail("approval.expires_at", Instant.ofEpochMilli(expiresAt))
                .detail("approval.approvals_required", required)
                .detail(
                    "approval.approvers",
                    ext.approvers().isEmpty()
                        ? "any human except the requester"
                        : String.join(",", ext.approvers())),
            o.now());
    Grounds grounds = Grounds.of(findings);
    OpenApproval request =
        new OpenApproval(
            rt.name(),
            approvalId,
            op.operationId(),
            op.actor().id(),
            o.now(),
            expiresAt,
            required,
            List.of(),
            0,
            List.of(),
            grounds.ruleIds(),
            grounds.reasonCodes(),
            grounds.messages(),
            record.getSequence());
    tx.put(stores.approvals(), key(rt, approvalId), request);
    tx.forward(
        rt.approvalsSink(),
        approvalId,
        approvalRequest(
            rt,
            request,
            op,
            ApprovalRequestKind.REQUEST,
            ext.approvers(),
            Optional.empty(),
            record.getSequence(),
            grounds));
    publish(
        tx,
        rt,
        pending,
        Decision.PENDING_APPROVAL,
        grounds,
        ActorRef.SYSTEM_ID,
        record.getSequence(),
        o.now());
  }

  /** An approver's answer from {@code palm.approvals.responses}. */
  void onResponse(Transaction tx, PackRuntime rt, ApprovalResponse event, Origin o) {
    ActorRef approver = ActorRef.of(event.getApprover());
    String operationId = Objects.requireNonNullElse(event.getOperationId(), "");
    if (!rt.name().equals(event.getPack())) {
      refuse(
          tx,
          rt,
          AuditEventType.APPROVAL_RESPONSE,
          approver,
          operationId,
          Optional.ofNullable(event.getApprovalId()),
          Optional.empty(),
          null,
          packMismatch(rt, event.getPack()),
          o);
      return;
    }
    Optional<OperationEntry> entry = operationEntry(tx, rt, operationId);
    Optional<String> approvalId =
        Optional.ofNullable(event.getApprovalId())
            .or(() -> entry.flatMap(OperationEntry::approvalId));
    Optional<OpenApproval> pending =
        approvalId.flatMap(id -> tx.get(stores.approvals(), key(rt, id)));
    if (pending.isPresent() && pending.get().expiredAt(o.now())) {
      // The timer has not fired yet, but the deadline has passed: the request expires before this
      // answer.
      expireApproval(tx, rt, key(rt, pending.get().approvalId()), o.now());
      pending = Optional.empty();
    }
    pending = pending.filter(p -> operationId.isBlank() || p.operationId().equals(operationId));
    if (pending.isEmpty()) {
      refuse(
          tx,
          rt,
          AuditEventType.APPROVAL_RESPONSE,
          approver,
          operationId,
          approvalId,
          entry.map(OperationEntry::operation),
          null,
          new Finding(
              "human_approval",
              ReasonCodes.APPROVAL_NOT_PENDING,
              "no pending approval "
                  + approvalId.map(id -> "'" + id + "' ").orElse("")
                  + "for operation '"
                  + operationId
                  + "'; it was never requested, or was already approved, rejected or expired"),
          o);
      return;
    }
    OpenApproval request = pending.get();
    OperationEntry requested = requireEntry(tx, rt, request.operationId());
    PackExtensions ext = rt.pack().extensions();
    List<String> approvers = new ArrayList<>(ext.approvers());
    if (!approvers.isEmpty()) {
      request.escalationRecipients().stream()
          .filter(r -> !approvers.contains(r))
          .forEach(approvers::add);
    }
    Optional<Finding> refusal =
        AuthorizedActors.check(
            approver,
            approvers,
            request.requesterId(),
            ext.allowSelfApproval(),
            "extensions.approvers",
            "approver",
            ReasonCodes.APPROVER_NOT_AUTHORIZED);
    if (refusal.isPresent()) {
      refuse(
          tx,
          rt,
          AuditEventType.APPROVAL_RESPONSE,
          approver,
          request.operationId(),
          Optional.of(request.approvalId()),
          Optional.of(requested.operation()),
          null,
          refusal.get(),
          o);
      return;
    }
    Case c = Case.of(requested);
    String comment =
        Optional.ofNullable(event.getComment())
            .filter(s -> !s.isBlank())
            .map(s -> ": " + s)
            .orElse("");
    String storeKey = key(rt, request.approvalId());
    if (event.getVerdict() != ApprovalVerdict.APPROVE) {
      tx.delete(stores.approvals(), storeKey);
      Grounds grounds =
          new Grounds(
              request.ruleIds(),
              List.of(ReasonCodes.APPROVAL_REJECTED),
              List.of("rejected by '" + approver.id() + "'" + comment));
      long seq =
          decide(
              tx,
              rt,
              c,
              Decision.DENIED,
              AuditEventType.APPROVAL_REJECTED,
              approver,
              approver.id(),
              grounds,
              o);
      resolved(tx, rt, request, c.op(), Decision.DENIED, seq, grounds, o.now());
      return;
    }
    if (request.approvedBy().contains(approver.id())) {
      refuse(
          tx,
          rt,
          AuditEventType.APPROVAL_RESPONSE,
          approver,
          request.operationId(),
          Optional.of(request.approvalId()),
          Optional.of(requested.operation()),
          null,
          new Finding(
              "extensions.approvals_required",
              ReasonCodes.DUPLICATE_APPROVAL,
              "'" + approver.id() + "' already approved; each approver counts once"),
          o);
      return;
    }
    OpenApproval updated = request.withApprover(approver.id());
    if (updated.approvedBy().size() < updated.approvalsRequired()) {
      tx.put(stores.approvals(), storeKey, updated);
      audit.append(
          tx,
          rt,
          entry(AuditEventType.APPROVAL_RESPONSE, approver, c, o)
              .reason(
                  ReasonCodes.APPROVAL_RECORDED,
                  "approval "
                      + updated.approvedBy().size()
                      + " of "
                      + updated.approvalsRequired()
                      + " by '"
                      + approver.id()
                      + "'"
                      + comment)
              .detail("approval.approved_by", String.join(",", updated.approvedBy())),
          o.now());
      return;
    }
    grant(tx, rt, c, updated, approver, comment, o);
  }

  private void grant(
      Transaction tx,
      PackRuntime rt,
      Case c,
      OpenApproval request,
      ActorRef approver,
      String comment,
      Origin o) {
    tx.delete(stores.approvals(), key(rt, request.approvalId()));
    RequestedOperation op = c.op();
    Grounds approved =
        new Grounds(
            request.ruleIds(),
            List.of(ReasonCodes.APPROVED),
            List.of("approved by " + String.join(", ", request.approvedBy()) + comment));
    // State may have changed while the request waited: the limits are checked again (the rate was
    // charged).
    TransitionResult result =
        DeploymentTransitions.compute(
            rt.pack(), op, deployment(tx, rt, op.deploymentId()), o.now());
    List<Finding> problems =
        result instanceof TransitionResult.Rejected r
            ? List.of(r.finding())
            : LimitsCheck.check(
                rt.pack(),
                result.transition(),
                totals(tx, rt),
                tx.get(stores.rateWindows(), rt.name()).orElse(RateWindow.EMPTY),
                Optional.empty());
    if (problems.isEmpty()) {
      long seq =
          allow(
              tx,
              rt,
              c,
              result.transition(),
              AuditEventType.APPROVAL_GRANTED,
              approver,
              approver.id(),
              approved,
              o);
      resolved(tx, rt, request, op, Decision.ALLOWED, seq, approved, o.now());
      return;
    }
    audit.append(
        tx,
        rt,
        entry(AuditEventType.APPROVAL_GRANTED, approver, c, o)
            .grounds(approved)
            .detail("approval.approved_by", String.join(",", request.approvedBy())),
        o.now());
    Grounds denied = Grounds.of(problems);
    long seq =
        decide(
            tx,
            rt,
            c,
            Decision.DENIED,
            AuditEventType.DECISION,
            approver,
            ActorRef.SYSTEM_ID,
            denied,
            o);
    resolved(tx, rt, request, op, Decision.DENIED, seq, denied, o.now());
  }

  /**
   * Expires the approval stored under {@code storeKey} if it is still pending and expired at {@code
   * now}.
   */
  void expireApproval(Transaction tx, PackRuntime rt, String storeKey, long now) {
    Optional<OpenApproval> pending =
        tx.get(stores.approvals(), storeKey).filter(p -> p.expiredAt(now));
    if (pending.isEmpty()) {
      return;
    }
    OpenApproval request = pending.get();
    OperationEntry requested = requireEntry(tx, rt, request.operationId());
    tx.delete(stores.approvals(), storeKey);
    Case c = Case.of(requested);
    long timeout = rt.pack().policyConfig().humanApproval().approvalTimeoutSecs();
    Grounds grounds =
        Grounds.of(
            List.of(
                new Finding(
                    "human_approval.approval_timeout_secs",
                    ReasonCodes.APPROVAL_EXPIRED,
                    "approval "
                        + request.approvalId()
                        + " expired at "
                        + Instant.ofEpochMilli(request.expiresAt())
                        + ": no decision within approval_timeout_secs "
                        + timeout
                        + " s"
                        + (request.approvedBy().isEmpty()
                            ? ""
                            : " ("
                                + request.approvedBy().size()
                                + " of "
                                + request.approvalsRequired()
                                + " approvals)"))));
    long seq =
        decide(
            tx,
            rt,
            c,
            Decision.DENIED,
            AuditEventType.APPROVAL_EXPIRED,
            ActorRef.SYSTEM,
            ActorRef.SYSTEM_ID,
            grounds,
            Origin.timer(now));
    resolved(tx, rt, request, c.op(), Decision.DENIED, seq, grounds, now);
  }

  /**
   * Escalates the approval stored under {@code storeKey} to {@code level} if it has not reached it
   * yet.
   */
  void escalate(Transaction tx, PackRuntime rt, String storeKey, EscalationLevel level, long now) {
    Optional<OpenApproval> pending =
        tx.get(stores.approvals(), storeKey)
            .filter(p -> !p.expiredAt(now) && p.escalationLevel() < level.level());
    if (pending.isEmpty()) {
      return;
    }
    OpenApproval request = pending.get();
    OperationEntry requested = requireEntry(tx, rt, request.operationId());
    OpenApproval escalated = request.escalatedTo(level.level(), level.recipients());
    tx.put(stores.approvals(), storeKey, escalated);
    Case c = Case.of(requested);
    String message =
        "approval "
            + request.approvalId()
            + " escalated to level "
            + level.level()
            + " ("
            + level.name()
            + ") after "
            + level.triggerAfterSecs()
            + " s without a decision; recipients: "
            + String.join(", ", level.recipients());
    AuditRecord record =
        audit.append(
            tx,
            rt,
            entry(AuditEventType.APPROVAL_ESCALATED, ActorRef.SYSTEM, c, Origin.timer(now))
                .reason(ReasonCodes.APPROVAL_ESCALATED, message)
                .detail("escalation.level", level.level())
                .detail("escalation.name", level.name())
                .detail("escalation.recipients", String.join(",", level.recipients()))
                .detail("escalation.actions", String.join(",", level.actions())),
            now);
    tx.forward(
        rt.approvalsSink(),
        request.approvalId(),
        ApprovalRequest.newBuilder(
                approvalRequest(
                    rt,
                    escalated,
                    c.op(),
                    ApprovalRequestKind.ESCALATION,
                    level.recipients(),
                    Optional.empty(),
                    record.getSequence(),
                    new Grounds(
                        request.ruleIds(),
                        List.of(ReasonCodes.APPROVAL_ESCALATED),
                        List.of(message))))
            .setEscalationName(level.name())
            .build());
  }

  private void resolved(
      Transaction tx,
      PackRuntime rt,
      OpenApproval request,
      RequestedOperation op,
      Decision decision,
      long auditSequence,
      Grounds grounds,
      long now) {
    tx.forward(
        rt.approvalsSink(),
        request.approvalId(),
        approvalRequest(
            rt,
            request,
            op,
            ApprovalRequestKind.RESOLVED,
            List.of(),
            Optional.of(decision),
            auditSequence,
            grounds));
  }

  private static ApprovalRequest approvalRequest(
      PackRuntime rt,
      OpenApproval request,
      RequestedOperation op,
      ApprovalRequestKind kind,
      List<String> recipients,
      Optional<Decision> resolution,
      long auditSequence,
      Grounds grounds) {
    return ApprovalRequest.newBuilder()
        .setApprovalId(request.approvalId())
        .setPack(rt.name())
        .setOperationId(op.operationId())
        .setOperation(op.operation())
        .setDeploymentId(op.deploymentId())
        .setAgentId(op.agentId().orElse(null))
        .setRequestedBy(request.requesterId())
        .setRequestedAt(Instant.ofEpochMilli(request.requestedAt()))
        .setExpiresAt(Instant.ofEpochMilli(request.expiresAt()))
        .setKind(kind)
        .setEscalationLevel(request.escalationLevel())
        .setEscalationName(null)
        .setRecipients(List.copyOf(recipients))
        .setApprovalsRequired(request.approvalsRequired())
        .setApprovedBy(request.approvedBy())
        .setRuleIds(grounds.ruleIds())
        .setReasonCodes(grounds.reasonCodes())
        .setMessages(grounds.messages())
        .setTargetReplicas(op.targetReplicas().orElse(null))
        .setInstanceCount(op.instanceCount().orElse(null))
        .setJustification(op.justification().orElse(null))
        .setResolution(resolution.orElse(null))
        .setAuditSequence(auditSequence)
        .build();
  }

  // ---------------------------------------------------------------- decisions and state

  /** Records a decision without state change, publishes it, and returns its audit sequence. */
  private long decide(
      Transaction tx,
      PackRuntime rt,
      Case c,
      Decision decision,
      AuditEventType type,
      ActorRef actor,
      String decidedBy,
      Grounds grounds,
      Origin o) {
    AuditRecord record =
        audit.append(tx, rt, entry(type, actor, c, o).decision(decision).grounds(grounds), o.now());
    publish(tx, rt, c, decision, grounds, decidedBy, record.getSequence(), o.now());
    return record.getSequence();
  }

  /** Records an ALLOWED decision, applies its effect to the deployment state, publishes it. */
  private long allow(
      Transaction tx,
      PackRuntime rt,
      Case c,
      Transition effect,
      AuditEventType type,
      ActorRef actor,
      String decidedBy,
      Grounds grounds,
      Origin o) {
    Optional<Long> reconcileBy =
        c.op().operationId().isBlank()
            ? Optional.empty()
            : ReconciliationRequirement.dueAt(rt.pack(), c.op(), effect, o.now());
    AuditRecord decision =
        audit.append(
            tx,
            rt,
            entry(type, actor, c, o)
                .decision(Decision.ALLOWED)
                .grounds(grounds)
                .detail("deployment.before", describe(effect.before()))
                .detail("deployment.after", describe(effect.after()))
                .detail(
                    "reconciliation.due_at", reconcileBy.map(Instant::ofEpochMilli).orElse(null)),
            o.now());
    reconcileBy.ifPresent(
        due ->
            reconciler.commit(
                tx, rt, c.op(), c.approvalId(), c.holdId(), o.now(), due, decision.getSequence()));
    if (effect.changesState()) {
      String deploymentKey = key(rt, c.op().deploymentId());
      if (effect.after().isPresent()) {
        tx.put(stores.deployments(), deploymentKey, effect.after().get());
      } else {
        tx.delete(stores.deployments(), deploymentKey);
      }
      PackTotals totals = totals(tx, rt).apply(effect.before(), effect.after());
      tx.put(stores.totals(), rt.name(), totals);
      audit.append(
          tx,
          rt,
          AuditDraft.of(AuditEventType.DEPLOYMENT_UPDATED, actor)
              .about(c.op())
              .source(o.source())
              .reason(
                  ReasonCodes.DEPLOYMENT_CHANGED,
                  "deployment '"
                      + c.op().deploymentId()
                      + "' "
                      + (effect.creates() ? "created" : effect.removes() ? "removed" : "changed")
                      + " by "
                      + c.op().operation()
                      + " ("
                      + describe(effect.before())
                      + " -> "
                      + describe(effect.after())
                      + ")")
              .detail("deployment.before", describe(effect.before()))
              .detail("deployment.after", describe(effect.after()))
              .detail("decision.audit_sequence", decision.getSequence())
              .detail("pack.deployments", totals.deployments())
              .detail("pack.instances", totals.instances()),
          o.now());
    }
    publish(tx, rt, c, Decision.ALLOWED, grounds, decidedBy, decision.getSequence(), o.now());
    return decision.getSequence();
  }

  /** Publishes a decision and remembers it as the operation's latest (the idempotent answer). */
  private void publish(
      Transaction tx,
      PackRuntime rt,
      Case c,
      Decision decision,
      Grounds grounds,
      String decidedBy,
      long auditSequence,
      long now) {
    RequestedOperation op = c.op();
    PolicyDecision published =
        PolicyDecision.newBuilder()
            .setOperationId(op.operationId())
            .setPack(rt.name())
            .setPackVersion(rt.version())
            .setOperation(op.operation())
            .setDeploymentId(op.deploymentId())
            .setAgentId(op.agentId().orElse(null))
            .setDecision(decision)
            .setRuleIds(grounds.ruleIds())
            .setReasonCodes(grounds.reasonCodes())
            .setMessages(grounds.messages())
            .setDecidedAt(Instant.ofEpochMilli(now))
            .setDecidedBy(decidedBy)
            .setApprovalId(c.approvalId().orElse(null))
            .setHoldId(c.holdId().orElse(null))
            .setAuditSequence(auditSequence)
            .setPreAuditSequence(c.preAudit().orElse(null))
            .build();
    tx.forward(rt.decisionsSink(), op.operationId(), published);
    if (!op.operationId().isBlank()) {
      tx.put(
          stores.operations(),
          key(rt, op.operationId()),
          new OperationEntry(
              op,
              c.fingerprint(),
              DecisionSnapshot.of(published),
              c.approvalId(),
              c.holdId(),
              c.preAudit()));
    }
  }

  /** Audits a refused hold release or approval response; nothing else changes. */
  private void refuse(
      Transaction tx,
      PackRuntime rt,
      AuditEventType type,
      ActorRef actor,
      String operationId,
      Optional<String> subjectId,
      Optional<RequestedOperation> op,
      String generalCode,
      Finding finding,
      Origin o) {
    AuditDraft e = AuditDraft.of(type, actor);
    if (op.isPresent()) {
      e.about(op.get());
    } else {
      e.aboutOperationId(operationId);
    }
    if (type == AuditEventType.APPROVAL_RESPONSE) {
      e.approvalId(subjectId);
    } else {
      e.holdId(subjectId);
    }
    if (generalCode != null) {
      e.reason(generalCode, type + " by '" + actor.id() + "' refused");
    }
    audit.append(
        tx, rt, e.findings(List.of(finding)).detail("refused", true).source(o.source()), o.now());
  }

  private AuditDraft entry(AuditEventType type, ActorRef actor, Case c, Origin o) {
    AuditDraft e =
        AuditDraft.of(type, actor)
            .about(c.op())
            .approvalId(c.approvalId())
            .holdId(c.holdId())
            .source(o.source());
    if (c.withRequestDetails()) {
      e.requestDetails(c.op());
    }
    c.preAudit().ifPresent(seq -> e.detail("pre_audit_sequence", seq));
    return e;
  }

  private static Finding packMismatch(PackRuntime rt, String named) {
    return new Finding(
        "validity.pack",
        ReasonCodes.PACK_MISMATCH,
        "the record names pack '"
            + named
            + "' but was published with key '"
            + rt.name()
            + "'; publish it with the pack name as record key");
  }

  private Optional<DeploymentState> deployment(
      Transaction tx, PackRuntime rt, String deploymentId) {
    return deploymentId.isBlank()
        ? Optional.empty()
        : tx.get(stores.deployments(), key(rt, deploymentId));
  }

  private PackTotals totals(Transaction tx, PackRuntime rt) {
    return tx.get(stores.totals(), rt.name()).orElse(PackTotals.EMPTY);
  }

  private Optional<OperationEntry> operationEntry(
      Transaction tx, PackRuntime rt, String operationId) {
    return operationId.isBlank()
        ? Optional.empty()
        : tx.get(stores.operations(), key(rt, operationId));
  }

  private OperationEntry requireEntry(Transaction tx, PackRuntime rt, String operationId) {
    return operationEntry(tx, rt, operationId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "pack '"
                        + rt.name()
                        + "' has state for operation '"
                        + operationId
                        + "' but no entry in store "
                        + PolicyStores.OPERATIONS
                        + "; the stores are inconsistent (restore them from their changelogs)"));
  }

  private static String describe(Optional<DeploymentState> state) {
    return state.map(DeploymentState::describe).orElse("absent");
  }

  private static String key(PackRuntime rt, String id) {
    return StoreKeys.of(rt.name(), id);
  }
}
