package dev.palm.streams.policy;

import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.HoldAction;
import dev.palm.events.HoldRelease;
import dev.palm.packs.PackExtensions;
import dev.palm.streams.holds.Hold;
import dev.palm.streams.holds.HoldCheck;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.AuthorizedActors;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.Messages;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.operations.RequestedOperation;
import dev.palm.streams.validity.ProofCheck;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The acts of safety holds (step 4 of docs/architecture.md §4) whose rule is {@link HoldCheck}:
 * placing a hold, its release or cancellation by an authorized releaser, and its automatic release.
 * A released hold resumes the evaluation at the limits ({@link AdmissionFlow}).
 */
final class HoldFlow {

  private final DecisionWriter writer;
  private final AdmissionFlow admission;

  HoldFlow(DecisionWriter writer, AdmissionFlow admission) {
    this.writer = Objects.requireNonNull(writer, "writer");
    this.admission = Objects.requireNonNull(admission, "admission");
  }

  /** Holds the case for {@code finding}: audit record, hold state, HELD decision. */
  void place(Step s, Case c, Finding finding) {
    RequestedOperation op = c.op();
    String holdId = Hold.idFor(op.operationId());
    Case held = c.withHold(holdId);
    Optional<Long> autoReleaseAt =
        HoldCheck.autoReleaseAt(s.contract().policyConfig().safetyHolds(), s.now());
    AuditRecord record =
        writer.append(
            s,
            writer
                .entry(s, AuditEventType.HOLD_PLACED, op.actor(), held)
                .decision(Decision.HELD)
                .findings(List.of(finding))
                .detail(
                    "hold.auto_release_at",
                    autoReleaseAt
                        .map(t -> Instant.ofEpochMilli(t).toString())
                        .orElse(Messages.NO_AUTO_RELEASE)));
    s.tx()
        .put(
            s.stores().holds(),
            s.key(holdId),
            new Hold(
                s.pack(),
                holdId,
                op.operationId(),
                op.actor().id(),
                s.now(),
                autoReleaseAt,
                List.of(finding.ruleId()),
                record.getSequence()));
    writer.publish(
        s,
        held,
        Decision.HELD,
        Grounds.of(List.of(finding)),
        ActorRef.SYSTEM_ID,
        record.getSequence());
  }

  /** A hold release or cancellation from {@code palm.holds.releases}. */
  void onRelease(Step s, HoldRelease event) {
    ActorRef releaser = ActorRef.of(event.getReleasedBy());
    boolean cancel = event.getAction() == HoldAction.CANCEL;
    AuditEventType type = cancel ? AuditEventType.HOLD_CANCELLED : AuditEventType.HOLD_RELEASED;
    String operationId = Messages.named(Objects.requireNonNullElse(event.getOperationId(), ""));
    Optional<String> refused = Optional.of(ReasonCodes.HOLD_RELEASE_REFUSED);
    if (!s.pack().equals(event.getPack())) {
      writer.refuse(
          s,
          type,
          releaser,
          new DecisionWriter.Subject(
              operationId,
              Optional.ofNullable(event.getHoldId()).map(Messages::named),
              Optional.empty()),
          refused,
          DecisionWriter.packMismatch(s, event.getPack()));
      return;
    }
    Optional<OperationEntry> entry = s.operationEntry(operationId);
    Optional<String> holdId =
        Optional.ofNullable(event.getHoldId())
            .map(Messages::named)
            .or(() -> entry.flatMap(OperationEntry::holdId));
    Optional<Hold> hold =
        holdId
            .flatMap(id -> s.tx().get(s.stores().holds(), s.key(id)))
            .filter(h -> operationId.isBlank() || h.operationId().equals(operationId));
    if (hold.isEmpty()) {
      writer.refuse(
          s,
          type,
          releaser,
          new DecisionWriter.Subject(operationId, holdId, entry.map(OperationEntry::operation)),
          refused,
          new Finding(
              "safety_holds",
              ReasonCodes.HOLD_NOT_ACTIVE,
              Messages.holdNotActive(holdId, operationId)));
      return;
    }
    Hold h = hold.get();
    OperationEntry held = s.requireEntry(h.operationId());
    Optional<Finding> refusal = authorize(s.contract().extensions(), releaser, h);
    if (refusal.isPresent()) {
      writer.refuse(
          s,
          type,
          releaser,
          new DecisionWriter.Subject(
              h.operationId(), Optional.of(h.holdId()), Optional.of(held.operation())),
          refused,
          refusal.get());
      return;
    }
    ProofCheck.Result proof =
        ProofCheck.checkRelease(s.rt().requiresProof(), s.pack(), s.rt().keys(), event, s.now());
    if (proof.refusal().isPresent()) {
      writer.refuse(
          s,
          type,
          releaser,
          new DecisionWriter.Subject(
              h.operationId(), Optional.of(h.holdId()), Optional.of(held.operation())),
          refused,
          proof.refusal().get());
      return;
    }
    Step proven = s.provenBy(proof.verifiedKey());
    proven.tx().delete(proven.stores().holds(), proven.key(h.holdId()));
    Case c = Case.of(held);
    if (cancel) {
      writer.decide(
          proven,
          c,
          Decision.DENIED,
          AuditEventType.HOLD_CANCELLED,
          releaser,
          releaser.id(),
          new Grounds(
              h.ruleIds(),
              List.of(ReasonCodes.HOLD_CANCELLED),
              List.of(Messages.holdCancelled(h.holdId(), releaser.id(), event.getReason()))));
      return;
    }
    writer.append(
        proven,
        writer
            .entry(proven, AuditEventType.HOLD_RELEASED, releaser, c)
            .reason(
                ReasonCodes.HOLD_RELEASED,
                Messages.holdReleased(h.holdId(), releaser.id(), event.getReason())));
    admission.fromLimits(proven, c, Optional.of(proven.origin().recordTime()), releaser);
  }

  /** The hold's releasers: {@code extensions.hold_releasers} if set, else the approvers. */
  private static Optional<Finding> authorize(PackExtensions ext, ActorRef releaser, Hold h) {
    boolean ownList = !ext.holdReleasers().isEmpty();
    return AuthorizedActors.check(
        releaser,
        ownList ? ext.holdReleasers() : ext.approvers(),
        h.requesterId(),
        ext.allowSelfApproval(),
        ownList ? "extensions.hold_releasers" : "extensions.approvers",
        "hold releaser",
        ReasonCodes.RELEASER_NOT_AUTHORIZED);
  }

  /**
   * Auto-releases the hold stored under {@code storeKey} if it is still active and due at the
   * step's time.
   */
  void autoRelease(Step s, String storeKey) {
    Optional<Hold> hold = s.tx().get(s.stores().holds(), storeKey).filter(h -> h.dueAt(s.now()));
    if (hold.isEmpty()) {
      return;
    }
    Hold h = hold.get();
    OperationEntry held = s.requireEntry(h.operationId());
    s.tx().delete(s.stores().holds(), storeKey);
    Case c = Case.of(held);
    writer.append(
        s,
        writer
            .entry(s, AuditEventType.HOLD_AUTO_RELEASED, ActorRef.SYSTEM, c)
            .reason(
                ReasonCodes.HOLD_AUTO_RELEASED,
                Messages.holdAutoReleased(
                    h.holdId(), s.contract().policyConfig().safetyHolds().autoReleaseAfterSecs())));
    admission.fromLimits(s, c, Optional.of(s.now()), ActorRef.SYSTEM);
  }
}
