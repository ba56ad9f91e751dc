package dev.palm.streams.policy;

import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.DecisionKind;
import dev.palm.events.OperationOutcome;
import dev.palm.events.PolicyDecision;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.InputBounds;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.operations.RequestedOperation;
import dev.palm.streams.reconciliation.Commitment;
import dev.palm.streams.reconciliation.KnownOperation;
import dev.palm.streams.reconciliation.OutcomeCheck;
import dev.palm.streams.reconciliation.OutcomeVerdict;
import dev.palm.streams.reconciliation.ReconciliationRequirement;
import dev.palm.streams.reconciliation.RecordedOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Step 8 of docs/architecture.md §4 over one pack's state: records commitments for allowed
 * operations that need reconciliation, reconciles {@code OperationOutcome}s with them (settle,
 * late, duplicate, unauthorized) and raises the overdue alert. Alerts go to the decisions topic
 * with kind {@code ALERT} and are never stored as an operation's decision, so idempotent answers
 * keep re-publishing the real decision.
 */
final class Reconciler {

  private final PolicyStores stores;
  private final AuditWriter audit;

  Reconciler(PolicyStores stores, AuditWriter audit) {
    this.stores = Objects.requireNonNull(stores, "stores");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** Records the commitment of an allowed operation, due at {@code dueAt}. */
  void commit(
      Transaction tx,
      PackRuntime rt,
      RequestedOperation op,
      Optional<String> approvalId,
      Optional<String> holdId,
      long allowedAt,
      long dueAt,
      long allowedAuditSequence) {
    tx.put(
        stores.commitments(),
        StoreKeys.of(rt.name(), op.operationId()),
        new Commitment(
            rt.name(),
            op.operationId(),
            op.operation(),
            op.deploymentId(),
            op.agentId(),
            approvalId,
            holdId,
            allowedAt,
            dueAt,
            allowedAuditSequence,
            Optional.empty()));
  }

  /** Reconciles an outcome read in the order of pack {@code rt}. */
  void onOutcome(Transaction tx, PackRuntime rt, OperationOutcome received, Origin o) {
    OperationOutcome event = bounded(received);
    String id = Objects.requireNonNullElse(event.getOperationId(), "");
    String key = StoreKeys.of(rt.name(), id);
    Optional<OperationEntry> entry =
        id.isBlank() ? Optional.empty() : tx.get(stores.operations(), key);
    Optional<Commitment> commitment =
        id.isBlank() ? Optional.empty() : tx.get(stores.commitments(), key);
    Optional<RecordedOutcome> recorded =
        id.isBlank() ? Optional.empty() : tx.get(stores.outcomes(), key);
    Optional<KnownOperation> known =
        entry.map(
            e ->
                new KnownOperation(
                    e.operation().operation(), e.operation().deploymentId(), e.status()));
    ActorRef executor = ActorRef.of(event.getExecutedBy());
    OutcomeVerdict verdict =
        OutcomeCheck.classify(rt.name(), event, known, commitment, recorded, o.now());

    if (verdict instanceof OutcomeVerdict.Refused refused) {
      audit.append(
          tx,
          rt,
          outcomeEntry(AuditEventType.OUTCOME_RECORDED, executor, event, entry, o)
              .findings(List.of(refused.finding()))
              .detail("refused", true),
          o.now());
    } else if (verdict instanceof OutcomeVerdict.Unauthorized unauthorized) {
      Grounds grounds = Grounds.reason(ReasonCodes.UNAUTHORIZED_EXECUTION, unauthorized.message());
      AuditRecord record =
          audit.append(
              tx,
              rt,
              outcomeEntry(AuditEventType.UNAUTHORIZED_EXECUTION, executor, event, entry, o)
                  .grounds(grounds)
                  .detail(
                      "operation.standing_decision",
                      entry.map(e -> e.status().name()).orElse("none (never received)")),
              o.now());
      alert(
          tx,
          rt,
          new AlertSubject(
              id,
              operationName(event, entry),
              event.getDeploymentId(),
              entry.flatMap(e -> e.operation().agentId()),
              entry.flatMap(OperationEntry::approvalId),
              entry.flatMap(OperationEntry::holdId)),
          Decision.DENIED,
          grounds,
          record.getSequence(),
          o.now());
    } else if (verdict instanceof OutcomeVerdict.Duplicate duplicate) {
      RecordedOutcome first = duplicate.first();
      audit.append(
          tx,
          rt,
          outcomeEntry(AuditEventType.OUTCOME_RECORDED, executor, event, entry, o)
              .reason(
                  ReasonCodes.DUPLICATE_OUTCOME,
                  "the outcome of operation '"
                      + id
                      + "' was already recorded"
                      + " (audit sequence "
                      + first.auditSequence()
                      + ", "
                      + first.status()
                      + " by '"
                      + first.executedBy()
                      + "'); this repeated report changes nothing")
              .detail("outcome.first_audit_sequence", first.auditSequence()),
          o.now());
    } else if (verdict instanceof OutcomeVerdict.Settles settles) {
      Commitment c = settles.commitment();
      if (settles.late() && !c.overdue()) {
        // The window passed before the timer noticed: the overdue alert comes first, exactly once.
        c = raiseOverdue(tx, rt, key, c, o.now());
      }
      String message =
          settles.late()
              ? "outcome of operation '"
                  + id
                  + "' arrived after its reconciliation window ended at "
                  + Instant.ofEpochMilli(c.dueAt())
                  + "; the commitment is settled late"
              : "outcome of operation '"
                  + id
                  + "' settles its commitment (due at "
                  + Instant.ofEpochMilli(c.dueAt())
                  + ")";
      AuditDraft e =
          outcomeEntry(AuditEventType.OUTCOME_RECORDED, executor, event, entry, o)
              .grounds(
                  new Grounds(
                      List.of(ReconciliationRequirement.RULE),
                      List.of(
                          settles.late() ? ReasonCodes.LATE_OUTCOME : ReasonCodes.OUTCOME_RECORDED),
                      List.of(message)))
              .detail("commitment.allowed_at", Instant.ofEpochMilli(c.allowedAt()))
              .detail("commitment.due_at", Instant.ofEpochMilli(c.dueAt()))
              .detail("commitment.allowed_audit_sequence", c.allowedAuditSequence());
      c.overdueAuditSequence().ifPresent(seq -> e.detail("commitment.overdue_audit_sequence", seq));
      AuditRecord record = audit.append(tx, rt, e, o.now());
      tx.delete(stores.commitments(), key);
      remember(tx, key, event, executor, record, o.now());
    } else {
      AuditRecord record =
          audit.append(
              tx,
              rt,
              outcomeEntry(AuditEventType.OUTCOME_RECORDED, executor, event, entry, o)
                  .reason(
                      ReasonCodes.OUTCOME_RECORDED,
                      "outcome of allowed operation '"
                          + id
                          + "' recorded ("
                          + event.getStatus()
                          + ")"),
              o.now());
      remember(tx, key, event, executor, record, o.now());
    }
  }

  /**
   * Raises the overdue alert of the commitment stored under {@code storeKey} if it is due at {@code
   * now}.
   */
  void raiseOverdue(Transaction tx, PackRuntime rt, String storeKey, long now) {
    tx.get(stores.commitments(), storeKey)
        .filter(c -> c.alertDueAt(now))
        .ifPresent(c -> raiseOverdue(tx, rt, storeKey, c, now));
  }

  private Commitment raiseOverdue(
      Transaction tx, PackRuntime rt, String storeKey, Commitment c, long now) {
    Grounds grounds =
        new Grounds(
            List.of(ReconciliationRequirement.RULE),
            List.of(ReasonCodes.RECONCILIATION_OVERDUE),
            List.of(
                c.operation()
                    + " '"
                    + c.operationId()
                    + "' on deployment '"
                    + c.deploymentId()
                    + "' was allowed at "
                    + Instant.ofEpochMilli(c.allowedAt())
                    + " but no outcome arrived within "
                    + rt.pack().extensions().reconciliationWindowSecs()
                    + " s ("
                    + ReconciliationRequirement.WINDOW_RULE
                    + "), due at "
                    + Instant.ofEpochMilli(c.dueAt())));
    AuditRecord record =
        audit.append(
            tx,
            rt,
            AuditDraft.of(AuditEventType.RECONCILIATION_OVERDUE, ActorRef.SYSTEM)
                .about(c.operationId(), c.operation(), c.deploymentId(), c.agentId())
                .approvalId(c.approvalId())
                .holdId(c.holdId())
                .grounds(grounds)
                .detail("commitment.allowed_at", Instant.ofEpochMilli(c.allowedAt()))
                .detail("commitment.due_at", Instant.ofEpochMilli(c.dueAt()))
                .detail("commitment.allowed_audit_sequence", c.allowedAuditSequence()),
            now);
    Commitment marked = c.markedOverdue(record.getSequence());
    tx.put(stores.commitments(), storeKey, marked);
    // The standing decision of an overdue operation is ALLOWED; the alert says it lacks its
    // outcome.
    alert(
        tx,
        rt,
        new AlertSubject(
            c.operationId(),
            c.operation(),
            c.deploymentId(),
            c.agentId(),
            c.approvalId(),
            c.holdId()),
        Decision.ALLOWED,
        grounds,
        record.getSequence(),
        now);
    return marked;
  }

  private void remember(
      Transaction tx,
      String key,
      OperationOutcome event,
      ActorRef executor,
      AuditRecord record,
      long now) {
    tx.put(
        stores.outcomes(),
        key,
        new RecordedOutcome(
            event.getOperationId(),
            event.getStatus().name(),
            executor.id(),
            event.getExecutedAt().toEpochMilli(),
            now,
            record.getSequence()));
  }

  /** Publishes an alert; unlike a decision it is not remembered as the operation's answer. */
  /** The operation an alert is about. */
  private record AlertSubject(
      String operationId,
      String operation,
      String deploymentId,
      Optional<String> agentId,
      Optional<String> approvalId,
      Optional<String> holdId) {}

  private static void alert(
      Transaction tx,
      PackRuntime rt,
      AlertSubject about,
      Decision standing,
      Grounds grounds,
      long auditSequence,
      long now) {
    tx.forward(
        rt.decisionsSink(),
        about.operationId(),
        PolicyDecision.newBuilder()
            .setOperationId(about.operationId())
            .setPack(rt.name())
            .setPackVersion(rt.version())
            .setOperation(about.operation())
            .setDeploymentId(Objects.requireNonNullElse(about.deploymentId(), ""))
            .setAgentId(about.agentId().orElse(null))
            .setDecision(standing)
            .setRuleIds(grounds.ruleIds())
            .setReasonCodes(grounds.reasonCodes())
            .setMessages(grounds.messages())
            .setDecidedAt(Instant.ofEpochMilli(now))
            .setDecidedBy(ActorRef.SYSTEM_ID)
            .setApprovalId(about.approvalId().orElse(null))
            .setHoldId(about.holdId().orElse(null))
            .setAuditSequence(auditSequence)
            .setPreAuditSequence(null)
            .setKind(DecisionKind.ALERT)
            .build());
  }

  private static AuditDraft outcomeEntry(
      AuditEventType type,
      ActorRef executor,
      OperationOutcome event,
      Optional<OperationEntry> entry,
      Origin o) {
    AuditDraft e =
        AuditDraft.of(type, executor)
            .about(
                event.getOperationId(),
                operationName(event, entry),
                event.getDeploymentId(),
                entry.flatMap(x -> x.operation().agentId()))
            .approvalId(entry.flatMap(OperationEntry::approvalId))
            .holdId(entry.flatMap(OperationEntry::holdId))
            .source(o.source())
            .detail("outcome.status", event.getStatus().name())
            .detail("outcome.executed_at", event.getExecutedAt())
            .detail("outcome.pack", event.getPack());
    Optional.ofNullable(event.getOperation())
        .filter(s -> !s.isBlank())
        .ifPresent(s -> e.detail("outcome.operation", s));
    Optional.ofNullable(event.getDetail())
        .filter(s -> !s.isBlank())
        .ifPresent(s -> e.detail("outcome.detail", s));
    return e;
  }

  /** The outcome with its strings within {@link InputBounds}, so its records stay small. */
  private static OperationOutcome bounded(OperationOutcome event) {
    InputBounds in = new InputBounds();
    return OperationOutcome.newBuilder(event)
        .setOperationId(
            in.id("operation_id", Objects.requireNonNullElse(event.getOperationId(), "")))
        .setPack(in.id("pack", Objects.requireNonNullElse(event.getPack(), "")))
        .setOperation(in.id("operation", event.getOperation()))
        .setDeploymentId(
            in.id("deployment_id", Objects.requireNonNullElse(event.getDeploymentId(), "")))
        .setDetail(in.text("detail", event.getDetail()))
        .build();
  }

  /** The operation's name as requested, else as the executor reported it, else empty. */
  private static String operationName(OperationOutcome event, Optional<OperationEntry> entry) {
    return entry
        .map(e -> e.operation().operation())
        .orElse(Objects.requireNonNullElse(event.getOperation(), ""));
  }
}
