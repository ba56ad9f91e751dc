package dev.palm.streams.policy;

import dev.palm.events.ApprovalRequest;
import dev.palm.events.ApprovalRequestKind;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.ApprovalVerdict;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.packs.EscalationLevel;
import dev.palm.packs.HumanApprovalConfig;
import dev.palm.packs.PackExtensions;
import dev.palm.streams.approvals.ApprovalRequirement;
import dev.palm.streams.approvals.OpenApproval;
import dev.palm.streams.deployments.DeploymentTransitions;
import dev.palm.streams.deployments.TransitionResult;
import dev.palm.streams.limits.LimitsCheck;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.AuthorizedActors;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.Messages;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.operations.RequestedOperation;
import dev.palm.streams.validity.ProofCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The acts of human approval (step 6 of docs/architecture.md §4) whose rule is {@link
 * ApprovalRequirement}: opening a request, recording approvers' answers (N of M, each approver
 * once, never the requester unless the pack allows it), granting (after the limits are checked
 * again), rejecting, expiring and escalating. Every change of a request is also published on the
 * approvals topic.
 */
final class ApprovalFlow {

  private final DecisionWriter writer;

  ApprovalFlow(DecisionWriter writer) {
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  /** Opens an approval request for the case: audit record, request state, PENDING decision. */
  void open(Step s, Case c, List<Finding> findings, ActorRef cause) {
    RequestedOperation op = c.op();
    HumanApprovalConfig config = s.contract().policyConfig().humanApproval();
    PackExtensions ext = s.contract().extensions();
    String approvalId = OpenApproval.idFor(op.operationId());
    Case pending = c.withApproval(approvalId);
    long expiresAt = s.now() + config.approvalTimeoutSecs() * 1000L;
    int required = Math.max(1, ext.approvalsRequired());
    AuditRecord record =
        writer.append(
            s,
            writer
                .entry(s, AuditEventType.APPROVAL_REQUESTED, cause, pending)
                .decision(Decision.PENDING_APPROVAL)
                .findings(findings)
                .detail("approval.expires_at", Instant.ofEpochMilli(expiresAt))
                .detail("approval.approvals_required", required)
                .detail(
                    "approval.approvers",
                    ext.approvers().isEmpty()
                        ? Messages.ANY_APPROVER
                        : String.join(",", ext.approvers())));
    Grounds grounds = Grounds.of(findings);
    OpenApproval request =
        new OpenApproval(
            s.pack(),
            approvalId,
            op.operationId(),
            op.actor().id(),
            s.now(),
            expiresAt,
            required,
            List.of(),
            0,
            List.of(),
            grounds.ruleIds(),
            grounds.reasonCodes(),
            grounds.messages(),
            record.getSequence());
    s.tx().put(s.stores().approvals(), s.key(approvalId), request);
    s.tx()
        .forward(
            s.rt().approvalsSink(),
            approvalId,
            requestEvent(
                s,
                request,
                op,
                ApprovalRequestKind.REQUEST,
                ext.approvers(),
                Optional.empty(),
                record.getSequence(),
                grounds));
    writer.publish(
        s, pending, Decision.PENDING_APPROVAL, grounds, ActorRef.SYSTEM_ID, record.getSequence());
  }

  /** An approver's answer from {@code palm.approvals.responses}. */
  void onResponse(Step s, ApprovalResponse event) {
    ActorRef approver = ActorRef.of(event.getApprover());
    String operationId = Messages.named(Objects.requireNonNullElse(event.getOperationId(), ""));
    if (!s.pack().equals(event.getPack())) {
      refuse(
          s,
          approver,
          new DecisionWriter.Subject(
              operationId,
              Optional.ofNullable(event.getApprovalId()).map(Messages::named),
              Optional.empty()),
          DecisionWriter.packMismatch(s, event.getPack()));
      return;
    }
    Optional<OperationEntry> entry = s.operationEntry(operationId);
    Optional<String> approvalId =
        Optional.ofNullable(event.getApprovalId())
            .map(Messages::named)
            .or(() -> entry.flatMap(OperationEntry::approvalId));
    Optional<OpenApproval> pending =
        approvalId.flatMap(id -> s.tx().get(s.stores().approvals(), s.key(id)));
    if (pending.isPresent() && pending.get().expiredAt(s.now())) {
      // The timer has not fired yet, but the deadline has passed: the request expires before this
      // answer.
      expire(s.at(Origin.timer(s.now())), s.key(pending.get().approvalId()));
      pending = Optional.empty();
    }
    pending = pending.filter(p -> operationId.isBlank() || p.operationId().equals(operationId));
    if (pending.isEmpty()) {
      refuse(
          s,
          approver,
          new DecisionWriter.Subject(operationId, approvalId, entry.map(OperationEntry::operation)),
          new Finding(
              "human_approval",
              ReasonCodes.APPROVAL_NOT_PENDING,
              Messages.approvalNotPending(approvalId, operationId)));
      return;
    }
    OpenApproval request = pending.get();
    OperationEntry requested = s.requireEntry(request.operationId());
    DecisionWriter.Subject subject =
        new DecisionWriter.Subject(
            request.operationId(),
            Optional.of(request.approvalId()),
            Optional.of(requested.operation()));
    Optional<Finding> refusal = authorize(s.contract().extensions(), approver, request);
    if (refusal.isPresent()) {
      refuse(s, approver, subject, refusal.get());
      return;
    }
    ProofCheck.Result proof =
        ProofCheck.checkAnswer(s.rt().requiresProof(), s.pack(), s.rt().keys(), event, s.now());
    if (proof.refusal().isPresent()) {
      refuse(s, approver, subject, proof.refusal().get());
      return;
    }
    Step proven = s.provenBy(proof.verifiedKey());
    Case c = Case.of(requested);
    String comment = event.getComment();
    String storeKey = proven.key(request.approvalId());
    if (event.getVerdict() != ApprovalVerdict.APPROVE) {
      proven.tx().delete(proven.stores().approvals(), storeKey);
      Grounds grounds =
          new Grounds(
              request.ruleIds(),
              List.of(ReasonCodes.APPROVAL_REJECTED),
              List.of(Messages.approvalRejected(approver.id(), comment)));
      long seq =
          writer.decide(
              proven,
              c,
              Decision.DENIED,
              AuditEventType.APPROVAL_REJECTED,
              approver,
              approver.id(),
              grounds);
      resolved(proven, request, c.op(), Decision.DENIED, seq, grounds);
      return;
    }
    if (request.approvedBy().contains(approver.id())) {
      refuse(
          proven,
          approver,
          subject,
          new Finding(
              "extensions.approvals_required",
              ReasonCodes.DUPLICATE_APPROVAL,
              Messages.duplicateApproval(approver.id())));
      return;
    }
    OpenApproval updated = request.withApprover(approver.id());
    if (updated.approvedBy().size() < updated.approvalsRequired()) {
      proven.tx().put(proven.stores().approvals(), storeKey, updated);
      writer.append(
          proven,
          writer
              .entry(proven, AuditEventType.APPROVAL_RESPONSE, approver, c)
              .reason(
                  ReasonCodes.APPROVAL_RECORDED,
                  Messages.approvalRecorded(
                      updated.approvedBy().size(),
                      updated.approvalsRequired(),
                      approver.id(),
                      comment))
              .detail("approval.approved_by", String.join(",", updated.approvedBy())));
      return;
    }
    grant(proven, c, updated, approver, comment);
  }

  /**
   * Who may answer: {@code extensions.approvers} plus the recipients of reached escalation levels
   * (anyone but the requester when the pack names no approvers).
   */
  private static Optional<Finding> authorize(
      PackExtensions ext, ActorRef approver, OpenApproval request) {
    List<String> approvers = new ArrayList<>(ext.approvers());
    if (!approvers.isEmpty()) {
      request.escalationRecipients().stream()
          .filter(r -> !approvers.contains(r))
          .forEach(approvers::add);
    }
    return AuthorizedActors.check(
        approver,
        approvers,
        request.requesterId(),
        ext.allowSelfApproval(),
        "extensions.approvers",
        "approver",
        ReasonCodes.APPROVER_NOT_AUTHORIZED);
  }

  private void refuse(Step s, ActorRef approver, DecisionWriter.Subject subject, Finding finding) {
    writer.refuse(
        s, AuditEventType.APPROVAL_RESPONSE, approver, subject, Optional.empty(), finding);
  }

  private void grant(Step s, Case c, OpenApproval request, ActorRef approver, String comment) {
    s.tx().delete(s.stores().approvals(), s.key(request.approvalId()));
    RequestedOperation op = c.op();
    Grounds approved =
        new Grounds(
            request.ruleIds(),
            List.of(ReasonCodes.APPROVED),
            List.of(Messages.approved(request.approvedBy(), comment)));
    // State may have changed while the request waited: the limits are checked again (the rate was
    // charged).
    TransitionResult result =
        DeploymentTransitions.compute(s.contract(), op, s.deployment(op.deploymentId()), s.now());
    List<Finding> problems =
        result instanceof TransitionResult.Rejected r
            ? List.of(r.finding())
            : LimitsCheck.check(
                s.contract(), result.transition(), s.totals(), s.rateLog(), Optional.empty());
    if (problems.isEmpty()) {
      long seq =
          writer.allow(
              s,
              c,
              result.transition(),
              AuditEventType.APPROVAL_GRANTED,
              approver,
              approver.id(),
              approved);
      resolved(s, request, op, Decision.ALLOWED, seq, approved);
      return;
    }
    writer.append(
        s,
        writer
            .entry(s, AuditEventType.APPROVAL_GRANTED, approver, c)
            .grounds(approved)
            .detail("approval.approved_by", String.join(",", request.approvedBy())));
    Grounds denied = Grounds.of(problems);
    long seq =
        writer.decide(
            s, c, Decision.DENIED, AuditEventType.DECISION, approver, ActorRef.SYSTEM_ID, denied);
    resolved(s, request, op, Decision.DENIED, seq, denied);
  }

  /**
   * Expires the approval stored under {@code storeKey} if it is still pending and expired at the
   * step's time.
   */
  void expire(Step s, String storeKey) {
    Optional<OpenApproval> pending =
        s.tx().get(s.stores().approvals(), storeKey).filter(p -> p.expiredAt(s.now()));
    if (pending.isEmpty()) {
      return;
    }
    OpenApproval request = pending.get();
    OperationEntry requested = s.requireEntry(request.operationId());
    s.tx().delete(s.stores().approvals(), storeKey);
    Case c = Case.of(requested);
    Grounds grounds =
        Grounds.of(
            List.of(
                new Finding(
                    "human_approval.approval_timeout_secs",
                    ReasonCodes.APPROVAL_EXPIRED,
                    Messages.approvalExpired(
                        request.approvalId(),
                        request.expiresAt(),
                        s.contract().policyConfig().humanApproval().approvalTimeoutSecs(),
                        request.approvedBy().size(),
                        request.approvalsRequired()))));
    long seq =
        writer.decide(
            s,
            c,
            Decision.DENIED,
            AuditEventType.APPROVAL_EXPIRED,
            ActorRef.SYSTEM,
            ActorRef.SYSTEM_ID,
            grounds);
    resolved(s, request, c.op(), Decision.DENIED, seq, grounds);
  }

  /**
   * Escalates the approval stored under {@code storeKey} to {@code level} if it has not reached it
   * yet.
   */
  void escalate(Step s, String storeKey, EscalationLevel level) {
    Optional<OpenApproval> pending =
        s.tx()
            .get(s.stores().approvals(), storeKey)
            .filter(p -> !p.expiredAt(s.now()) && p.escalationLevel() < level.level());
    if (pending.isEmpty()) {
      return;
    }
    OpenApproval request = pending.get();
    OperationEntry requested = s.requireEntry(request.operationId());
    OpenApproval escalated = request.escalatedTo(level.level(), level.recipients());
    s.tx().put(s.stores().approvals(), storeKey, escalated);
    Case c = Case.of(requested);
    String message =
        Messages.approvalEscalated(
            request.approvalId(),
            level.level(),
            level.name(),
            level.triggerAfterSecs(),
            level.recipients());
    AuditRecord record =
        writer.append(
            s,
            writer
                .entry(s, AuditEventType.APPROVAL_ESCALATED, ActorRef.SYSTEM, c)
                .reason(ReasonCodes.APPROVAL_ESCALATED, message)
                .detail("escalation.level", level.level())
                .detail("escalation.name", level.name())
                .detail("escalation.recipients", String.join(",", level.recipients()))
                .detail("escalation.actions", String.join(",", level.actions())));
    s.tx()
        .forward(
            s.rt().approvalsSink(),
            request.approvalId(),
            ApprovalRequest.newBuilder(
                    requestEvent(
                        s,
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
      Step s,
      OpenApproval request,
      RequestedOperation op,
      Decision decision,
      long auditSequence,
      Grounds grounds) {
    s.tx()
        .forward(
            s.rt().approvalsSink(),
            request.approvalId(),
            requestEvent(
                s,
                request,
                op,
                ApprovalRequestKind.RESOLVED,
                List.of(),
                Optional.of(decision),
                auditSequence,
                grounds));
  }

  private static ApprovalRequest requestEvent(
      Step s,
      OpenApproval request,
      RequestedOperation op,
      ApprovalRequestKind kind,
      List<String> recipients,
      Optional<Decision> resolution,
      long auditSequence,
      Grounds grounds) {
    return ApprovalRequest.newBuilder()
        .setApprovalId(request.approvalId())
        .setPack(s.pack())
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
}
