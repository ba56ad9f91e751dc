package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.ActorType;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.DecisionKind;
import dev.palm.events.HoldAction;
import dev.palm.events.OutcomeStatus;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import dev.palm.streams.dlq.DeadLetters;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.reconciliation.Commitment;
import dev.palm.streams.reconciliation.ReconciliationRequirement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Step 8 (reconciliation): commitments of allowed {@code reconciliation_required} operations,
 * outcomes that settle them, the overdue alert, late and duplicate outcomes, and unauthorized
 * executions.
 */
class ReconciliationTest {

  /**
   * iBank requires reconciliation of create_deployment, scale, delete_deployment, rollback and
   * migrate.
   */
  private static final String IBANK = "ibank";

  private static final long WINDOW_SECS = 600;

  private PolicyHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static PlatformPack ibank() {
    PlatformPackConfig preset = IBankPack.presetConfig();
    return preset.toBuilder()
        .extensions(preset.extensions().toBuilder().reconciliationWindowSecs(WINDOW_SECS).build())
        .build()
        .toPack();
  }

  private PolicyHarness harness() {
    h = new PolicyHarness(List.of(ibank(), MapleversePack.mapleverse()));
    return h;
  }

  /**
   * Creates {@code deploymentId} (iBank requires approval: bob approves) and returns the ALLOWED
   * decision.
   */
  private PolicyDecision createApproved(String deploymentId) {
    PolicyDecision pending =
        h.decide(h.op(IBANK, "create_deployment", deploymentId).replicas(2).build());
    assertThat(pending.getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
    List<PolicyDecision> approved = h.approve(IBANK, pending.getOperationId(), "bob");
    assertThat(approved)
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
    return approved.get(0);
  }

  private Optional<Commitment> commitment(String operationId) {
    KeyValueStore<String, Commitment> store = h.store(PolicyStores.COMMITMENTS);
    return Optional.ofNullable(store.get(StoreKeys.of(IBANK, operationId)));
  }

  private AuditRecord lastAudit() {
    List<AuditRecord> trail = h.audit(IBANK);
    return trail.get(trail.size() - 1);
  }

  private static String detail(AuditRecord record, String key) {
    return record.getDetails().stream()
        .filter(d -> d.getKey().equals(key))
        .map(AuditDetail::getValue)
        .findFirst()
        .orElse(null);
  }

  @Test
  void aCommitmentIsRecordedOnlyForReconciliationRequiredOperationsAndOnlyWhenAllowed() {
    harness();
    PolicyDecision pending =
        h.decide(h.op(IBANK, "create_deployment", "dep-1").replicas(2).build());
    assertThat(commitment(pending.getOperationId())).as("pending is not allowed").isEmpty();

    PolicyDecision allowed = h.approve(IBANK, pending.getOperationId(), "bob").get(0);

    assertThat(allowed.getDecision()).isEqualTo(Decision.ALLOWED);
    Commitment c = commitment(allowed.getOperationId()).orElseThrow();
    assertThat(c.operation()).isEqualTo("create_deployment");
    assertThat(c.deploymentId()).isEqualTo("dep-1");
    assertThat(c.allowedAt()).isEqualTo(h.now().toEpochMilli());
    assertThat(c.dueAt()).isEqualTo(h.now().plusSeconds(WINDOW_SECS).toEpochMilli());
    assertThat(c.allowedAuditSequence()).isEqualTo(allowed.getAuditSequence());
    assertThat(c.approvalId()).contains(allowed.getApprovalId());
    assertThat(c.overdue()).isFalse();
    assertThat(detail(h.auditRecord(IBANK, allowed.getAuditSequence()), "reconciliation.due_at"))
        .isEqualTo(h.now().plusSeconds(WINDOW_SECS).toString());

    // restart is allowed but not reconciliation_required; a denied create is not allowed.
    PolicyDecision restart = h.decide(h.op(IBANK, "restart", "dep-1").build());
    PolicyDecision denied = h.decide(h.op(IBANK, "create_deployment", "dep-1").replicas(2).build());
    assertThat(restart.getDecision()).isEqualTo(Decision.ALLOWED);
    assertThat(denied.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(commitment(restart.getOperationId())).isEmpty();
    assertThat(commitment(denied.getOperationId())).isEmpty();
    assertThat(detail(h.auditRecord(IBANK, restart.getAuditSequence()), "reconciliation.due_at"))
        .isNull();
    // A pack without reconciliation_required never commits.
    assertThat(
            h.decide(
                    h.op("mapleverse", "create_deployment", "m-1")
                        .replicas(1)
                        .resources(1, 1, 1, 1)
                        .build())
                .getDecision())
        .isEqualTo(Decision.ALLOWED);
    try (var all = h.<Commitment>store(PolicyStores.COMMITMENTS).all()) {
      assertThat(all)
          .toIterable()
          .extracting(kv -> kv.key)
          .containsExactly(StoreKeys.of(IBANK, allowed.getOperationId()));
    }
  }

  @Test
  void anOperationReleasedFromAHoldBecomesACommitmentWhenAllowed() {
    harness();
    PolicyDecision created = createApproved("dep-1");
    h.report(IBANK, created.getOperationId(), "dep-1", OutcomeStatus.SUCCEEDED);
    // rollback is held by iBank's safety holds; once released it is allowed (revision 1 -> 1 is
    // refused,
    // so update first to reach revision 2).
    assertThat(h.decide(h.op(IBANK, "update_deployment", "dep-1").build()).getDecision())
        .isEqualTo(Decision.ALLOWED);
    PolicyDecision held = h.decide(h.op(IBANK, "rollback", "dep-1").build());
    assertThat(held.getDecision()).isEqualTo(Decision.HELD);
    assertThat(commitment(held.getOperationId())).isEmpty();

    List<PolicyDecision> released =
        h.release(IBANK, held.getOperationId(), "bob", ActorType.HUMAN, HoldAction.RELEASE);

    assertThat(released)
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
    assertThat(commitment(held.getOperationId()))
        .get()
        .satisfies(
            c -> {
              assertThat(c.holdId()).contains(held.getHoldId());
              assertThat(c.allowedAuditSequence()).isEqualTo(released.get(0).getAuditSequence());
            });
  }

  @Test
  void anOutcomeSettlesTheCommitmentWithoutAlert() {
    harness();
    PolicyDecision allowed = createApproved("dep-1");

    List<PolicyDecision> out =
        h.report(IBANK, allowed.getOperationId(), "dep-1", OutcomeStatus.FAILED);

    assertThat(out).isEmpty();
    AuditRecord recorded = lastAudit();
    assertThat(recorded.getEventType()).isEqualTo(AuditEventType.OUTCOME_RECORDED);
    assertThat(recorded.getReasonCodes()).containsExactly(ReasonCodes.OUTCOME_RECORDED);
    assertThat(recorded.getRuleIds()).containsExactly(ReconciliationRequirement.RULE);
    assertThat(recorded.getOperationId()).isEqualTo(allowed.getOperationId());
    assertThat(recorded.getOperation()).isEqualTo("create_deployment");
    assertThat(recorded.getDeploymentId()).isEqualTo("dep-1");
    assertThat(recorded.getActorId()).isEqualTo("deployer");
    assertThat(recorded.getActorType()).isEqualTo("service");
    assertThat(recorded.getDecision()).isNull();
    assertThat(recorded.getSource()).isNotNull();
    assertThat(detail(recorded, "outcome.status")).isEqualTo("FAILED");
    assertThat(detail(recorded, "commitment.allowed_audit_sequence"))
        .isEqualTo(Long.toString(allowed.getAuditSequence()));
    assertThat(commitment(allowed.getOperationId())).isEmpty();

    h.advance(Duration.ofSeconds(WINDOW_SECS * 3));
    assertThat(h.alerts(IBANK)).isEmpty();
    assertThat(h.verifyChain(IBANK).intact()).isTrue();
  }

  @Test
  void anOverdueCommitmentAlertsExactlyOnceAtTheBoundaryAndALateOutcomeStillSettlesIt() {
    harness();
    PolicyDecision allowed = createApproved("dep-1");
    String id = allowed.getOperationId();

    h.advance(Duration.ofSeconds(WINDOW_SECS).minusMillis(1));
    assertThat(h.alerts(IBANK)).isEmpty();

    h.advance(Duration.ofMillis(1));
    List<PolicyDecision> alerts = h.alerts(IBANK);
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getKind()).isEqualTo(DecisionKind.ALERT);
              assertThat(a.getOperationId()).isEqualTo(id);
              assertThat(a.getDecision()).as("the standing decision").isEqualTo(Decision.ALLOWED);
              assertThat(a.getReasonCodes()).containsExactly(ReasonCodes.RECONCILIATION_OVERDUE);
              assertThat(a.getRuleIds()).containsExactly(ReconciliationRequirement.RULE);
              assertThat(a.getDecidedBy()).isEqualTo(ActorRef.SYSTEM_ID);
              assertThat(a.getDecidedAt()).isEqualTo(h.now());
              AuditRecord overdue = h.auditRecord(IBANK, a.getAuditSequence());
              assertThat(overdue.getEventType()).isEqualTo(AuditEventType.RECONCILIATION_OVERDUE);
              assertThat(overdue.getActorId()).isEqualTo(ActorRef.SYSTEM_ID);
              assertThat(overdue.getOperationId()).isEqualTo(id);
              assertThat(overdue.getSource()).isNull();
            });
    assertThat(commitment(id).orElseThrow().overdueAuditSequence())
        .contains(alerts.get(0).getAuditSequence());

    h.advance(Duration.ofSeconds(WINDOW_SECS * 5));
    assertThat(h.alerts(IBANK)).hasSize(1);
    assertThat(h.audit(IBANK))
        .filteredOn(r -> r.getEventType() == AuditEventType.RECONCILIATION_OVERDUE)
        .hasSize(1);

    assertThat(h.report(IBANK, id, "dep-1", OutcomeStatus.SUCCEEDED)).isEmpty();
    AuditRecord late = lastAudit();
    assertThat(late.getEventType()).isEqualTo(AuditEventType.OUTCOME_RECORDED);
    assertThat(late.getReasonCodes()).containsExactly(ReasonCodes.LATE_OUTCOME);
    assertThat(detail(late, "commitment.overdue_audit_sequence"))
        .isEqualTo(Long.toString(alerts.get(0).getAuditSequence()));
    assertThat(commitment(id)).isEmpty();
    // A duplicate of the operation is still answered with its real decision, never the alert.
    assertThat(h.send(h.op(IBANK, "create_deployment", "dep-1").id(id).replicas(2).build()))
        .singleElement()
        .isEqualTo(allowed);
    assertThat(h.verifyChain(IBANK).intact()).isTrue();
  }

  @Test
  void anOutcomeAfterTheDeadlineButBeforeTheTimerRaisesTheOverdueAlertFirst() {
    h = new PolicyHarness(List.of(ibank()), new PolicyOptions(Duration.ofDays(30)));
    PolicyDecision allowed = createApproved("dep-1");
    h.advance(Duration.ofSeconds(WINDOW_SECS));
    assertThat(h.alerts(IBANK)).as("the timer has not run yet").isEmpty();

    List<PolicyDecision> out =
        h.report(IBANK, allowed.getOperationId(), "dep-1", OutcomeStatus.SUCCEEDED);

    assertThat(out)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getKind()).isEqualTo(DecisionKind.ALERT);
              assertThat(a.getReasonCodes()).containsExactly(ReasonCodes.RECONCILIATION_OVERDUE);
            });
    List<AuditRecord> trail = h.audit(IBANK);
    assertThat(trail.subList(trail.size() - 2, trail.size()))
        .extracting(AuditRecord::getEventType)
        .containsExactly(AuditEventType.RECONCILIATION_OVERDUE, AuditEventType.OUTCOME_RECORDED);
    assertThat(lastAudit().getReasonCodes()).containsExactly(ReasonCodes.LATE_OUTCOME);
    assertThat(commitment(allowed.getOperationId())).isEmpty();
    assertThat(h.verifyChain(IBANK).intact()).isTrue();
  }

  @Test
  void outcomesOfOperationsThatWereNeverAllowedAreUnauthorizedExecutions() {
    harness();
    createApproved("dep-1");
    PolicyDecision denied = h.decide(h.op(IBANK, "create_deployment", "dep-1").replicas(2).build());
    PolicyDecision pending =
        h.decide(h.op(IBANK, "create_deployment", "dep-2").replicas(2).build());
    PolicyDecision held = h.decide(h.op(IBANK, "rollback", "dep-1").build());
    assertThat(List.of(denied.getDecision(), pending.getDecision(), held.getDecision()))
        .containsExactly(Decision.DENIED, Decision.PENDING_APPROVAL, Decision.HELD);

    record Case(String operationId, String deploymentId, String standing) {}
    List<Case> cases =
        List.of(
            new Case("never-seen", "dep-9", "none (never received)"),
            new Case(denied.getOperationId(), "dep-1", "DENIED"),
            new Case(pending.getOperationId(), "dep-2", "PENDING_APPROVAL"),
            new Case(held.getOperationId(), "dep-1", "HELD"));
    for (Case c : cases) {
      List<PolicyDecision> out =
          h.report(IBANK, c.operationId(), c.deploymentId(), OutcomeStatus.SUCCEEDED);

      assertThat(out)
          .as(c.toString())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getKind()).isEqualTo(DecisionKind.ALERT);
                assertThat(a.getOperationId()).isEqualTo(c.operationId());
                assertThat(a.getDeploymentId()).isEqualTo(c.deploymentId());
                assertThat(a.getDecision()).isEqualTo(Decision.DENIED);
                assertThat(a.getReasonCodes()).containsExactly(ReasonCodes.UNAUTHORIZED_EXECUTION);
                assertThat(a.getDecidedBy()).isEqualTo(ActorRef.SYSTEM_ID);
                AuditRecord record = h.auditRecord(IBANK, a.getAuditSequence());
                assertThat(record).isEqualTo(lastAudit());
                assertThat(record.getEventType()).isEqualTo(AuditEventType.UNAUTHORIZED_EXECUTION);
                assertThat(record.getActorId()).isEqualTo("deployer");
                assertThat(record.getReasonCodes())
                    .containsExactly(ReasonCodes.UNAUTHORIZED_EXECUTION);
                assertThat(detail(record, "operation.standing_decision")).isEqualTo(c.standing());
              });
    }
    // The alerts changed nothing: the pending operation can still be approved, and a duplicate of
    // it
    // re-publishes its real decision.
    assertThat(
            h.send(
                h.op(IBANK, "create_deployment", "dep-2")
                    .id(pending.getOperationId())
                    .replicas(2)
                    .build()))
        .singleElement()
        .isEqualTo(pending);
    assertThat(h.approve(IBANK, pending.getOperationId(), "bob"))
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
    assertThat(commitment(pending.getOperationId())).isPresent();
    assertThat(h.verifyChain(IBANK).intact()).isTrue();
  }

  @Test
  void
      anExecutionOnAnotherDeploymentOrAsAnotherOperationIsUnauthorizedAndLeavesTheCommitmentOpen() {
    harness();
    PolicyDecision allowed = createApproved("dep-1");

    List<PolicyDecision> elsewhere =
        h.report(IBANK, allowed.getOperationId(), "dep-other", OutcomeStatus.SUCCEEDED);
    List<PolicyDecision> otherOperation =
        h.report(
            IBANK,
            h.outcome(IBANK, allowed.getOperationId(), "dep-1", OutcomeStatus.SUCCEEDED)
                .setOperation("delete_deployment")
                .build());

    assertThat(elsewhere)
        .singleElement()
        .extracting(PolicyDecision::getReasonCodes)
        .isEqualTo(List.of(ReasonCodes.UNAUTHORIZED_EXECUTION));
    assertThat(otherOperation)
        .singleElement()
        .extracting(PolicyDecision::getReasonCodes)
        .isEqualTo(List.of(ReasonCodes.UNAUTHORIZED_EXECUTION));
    assertThat(commitment(allowed.getOperationId())).isPresent();
    assertThat(h.report(IBANK, allowed.getOperationId(), "dep-1", OutcomeStatus.SUCCEEDED))
        .isEmpty();
    assertThat(commitment(allowed.getOperationId())).isEmpty();
  }

  @Test
  void aRepeatedOutcomeIsRecordedAsADuplicateWithoutAlert() {
    harness();
    PolicyDecision committed = createApproved("dep-1");
    PolicyDecision restart = h.decide(h.op(IBANK, "restart", "dep-1").build());

    for (PolicyDecision d : List.of(committed, restart)) {
      assertThat(h.report(IBANK, d.getOperationId(), "dep-1", OutcomeStatus.SUCCEEDED)).isEmpty();
      AuditRecord first = lastAudit();
      assertThat(first.getEventType()).isEqualTo(AuditEventType.OUTCOME_RECORDED);
      assertThat(first.getReasonCodes()).containsExactly(ReasonCodes.OUTCOME_RECORDED);

      assertThat(h.report(IBANK, d.getOperationId(), "dep-1", OutcomeStatus.SUCCEEDED)).isEmpty();
      AuditRecord repeat = lastAudit();
      assertThat(repeat.getEventType()).isEqualTo(AuditEventType.OUTCOME_RECORDED);
      assertThat(repeat.getReasonCodes()).containsExactly(ReasonCodes.DUPLICATE_OUTCOME);
      assertThat(detail(repeat, "outcome.first_audit_sequence"))
          .isEqualTo(Long.toString(first.getSequence()));
    }
    h.advance(Duration.ofSeconds(WINDOW_SECS * 2));
    assertThat(h.alerts(IBANK)).isEmpty();
    assertThat(h.verifyChain(IBANK).intact()).isTrue();
  }

  @Test
  void outcomesForAnUnloadedPackGoToTheDeadLetterTopicAndAPackMismatchIsRefused() {
    harness();
    PolicyDecision allowed = createApproved("dep-1");

    assertThat(
            h.report(
                "no-such-pack",
                h.outcome(
                        "no-such-pack", allowed.getOperationId(), "dep-1", OutcomeStatus.SUCCEEDED)
                    .build()))
        .isEmpty();
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(DeadLetters.header(letter.headers(), DeadLetters.TOPIC))
                  .isEqualTo("palm.outcomes");
              assertThat(DeadLetters.header(letter.headers(), DeadLetters.REASON))
                  .contains("not a loaded pack");
            });

    assertThat(
            h.report(
                IBANK,
                h.outcome("mapleverse", allowed.getOperationId(), "dep-1", OutcomeStatus.SUCCEEDED)
                    .build()))
        .isEmpty();
    AuditRecord refused = lastAudit();
    assertThat(refused.getEventType()).isEqualTo(AuditEventType.OUTCOME_RECORDED);
    assertThat(refused.getReasonCodes()).containsExactly(ReasonCodes.PACK_MISMATCH);
    assertThat(detail(refused, "refused")).isEqualTo("true");
    assertThat(commitment(allowed.getOperationId()))
        .as("a refused outcome settles nothing")
        .isPresent();
  }

  @Test
  void aPoisonPillOnTheOutcomesTopicGoesToTheDeadLetterTopicAndLaterOutcomesAreReconciled() {
    harness();
    PolicyDecision allowed = createApproved("dep-1");
    byte[] poison = "\u0000\u0001not an outcome".getBytes(StandardCharsets.UTF_8);

    h.sendRaw("palm.outcomes", IBANK.getBytes(StandardCharsets.UTF_8), poison);

    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.value()).isEqualTo(poison);
              assertThat(DeadLetters.header(letter.headers(), DeadLetters.TOPIC))
                  .isEqualTo("palm.outcomes");
              assertThat(DeadLetters.header(letter.headers(), DeadLetters.REASON))
                  .startsWith("value does not deserialize");
            });
    assertThat(h.report(IBANK, "never-seen", "dep-1", OutcomeStatus.SUCCEEDED))
        .singleElement()
        .extracting(PolicyDecision::getReasonCodes)
        .isEqualTo(List.of(ReasonCodes.UNAUTHORIZED_EXECUTION));
    assertThat(h.report(IBANK, allowed.getOperationId(), "dep-1", OutcomeStatus.SUCCEEDED))
        .isEmpty();
    assertThat(commitment(allowed.getOperationId())).isEmpty();
    assertThat(h.decide(h.op(IBANK, "restart", "dep-1").build()).getDecision())
        .isEqualTo(Decision.ALLOWED);
    assertThat(h.verifyChain(IBANK).intact()).isTrue();
  }
}
