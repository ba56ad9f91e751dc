package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.ActorType;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.HoldAction;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PackExtensions;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.streams.holds.Hold;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.ReasonCodes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Step 4 (safety holds): placement, release, cancellation, auto-release, authorization. */
class SafetyHoldsTest {

  private PolicyHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private PolicyHarness canonical() {
    h = new PolicyHarness(CanonicalPack.all());
    return h;
  }

  @Test
  void finalverseHoldsAScaleDownAndAReleaseContinuesToTheLimits() {
    canonical().establish("finalverse", "dep-1", 4);
    PolicyDecision held = h.decide(h.op("finalverse", "scale_down", "dep-1").replicas(3).build());

    assertThat(held.getDecision()).isEqualTo(Decision.HELD);
    assertThat(held.getHoldId()).isEqualTo(Hold.idFor(held.getOperationId()));
    assertThat(held.getReasonCodes()).containsExactly(ReasonCodes.SAFETY_HOLD);
    assertThat(held.getRuleIds()).containsExactly("safety_holds.blocked_operations");
    AuditRecord placed = h.auditRecord("finalverse", held.getAuditSequence());
    assertThat(placed.getEventType()).isEqualTo(AuditEventType.HOLD_PLACED);
    assertThat(placed.getDecision()).isEqualTo(Decision.HELD);
    assertThat(placed.getHoldId()).isEqualTo(held.getHoldId());
    assertThat(h.deployment("finalverse", "dep-1").orElseThrow().replicas()).isEqualTo(4);

    List<PolicyDecision> after =
        h.release("finalverse", held.getOperationId(), "bob", ActorType.HUMAN, HoldAction.RELEASE);

    assertThat(after)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDecision()).isEqualTo(Decision.ALLOWED);
              assertThat(d.getHoldId()).isEqualTo(held.getHoldId());
              AuditRecord decision = h.auditRecord("finalverse", d.getAuditSequence());
              AuditRecord released = h.auditRecord("finalverse", d.getAuditSequence() - 1);
              assertThat(released.getEventType()).isEqualTo(AuditEventType.HOLD_RELEASED);
              assertThat(released.getActorId()).isEqualTo("bob");
              assertThat(decision.getEventType()).isEqualTo(AuditEventType.DECISION);
            });
    assertThat(h.deployment("finalverse", "dep-1").orElseThrow().replicas()).isEqualTo(3);
    assertThat(h.<Hold>store(PolicyStores.HOLDS).get(StoreKeys.of("finalverse", held.getHoldId())))
        .isNull();
  }

  @Test
  void aCancelledHoldDeniesTheOperationAsTheCancellersDecision() {
    canonical().establish("finalverse", "dep-1", 4);
    PolicyDecision held = h.decide(h.op("finalverse", "scale_down", "dep-1").replicas(3).build());

    List<PolicyDecision> after =
        h.release("finalverse", held.getOperationId(), "bob", ActorType.HUMAN, HoldAction.CANCEL);

    assertThat(after)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
              assertThat(d.getDecidedBy()).isEqualTo("bob");
              assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.HOLD_CANCELLED);
              AuditRecord record = h.auditRecord("finalverse", d.getAuditSequence());
              assertThat(record.getEventType()).isEqualTo(AuditEventType.HOLD_CANCELLED);
              assertThat(record.getDecision()).isEqualTo(Decision.DENIED);
            });
    assertThat(h.deployment("finalverse", "dep-1").orElseThrow().replicas()).isEqualTo(4);
  }

  @Test
  void theRequesterAnAgentAndUnknownHoldsCannotRelease() {
    canonical().establish("finalverse", "dep-1", 4);
    PolicyDecision held = h.decide(h.op("finalverse", "scale_down", "dep-1").replicas(3).build());
    int auditBefore = h.audit("finalverse").size();

    assertThat(
            h.release(
                "finalverse", held.getOperationId(), "alice", ActorType.HUMAN, HoldAction.RELEASE))
        .isEmpty();
    assertThat(
            h.release(
                "finalverse",
                held.getOperationId(),
                "robot-7",
                ActorType.AGENT,
                HoldAction.RELEASE))
        .isEmpty();
    assertThat(h.release("finalverse", "no-such-op", "bob", ActorType.HUMAN, HoldAction.RELEASE))
        .isEmpty();

    List<AuditRecord> refusals = h.audit("finalverse").subList(auditBefore, auditBefore + 3);
    assertThat(refusals)
        .allSatisfy(
            r -> {
              assertThat(r.getEventType()).isEqualTo(AuditEventType.HOLD_RELEASED);
              assertThat(r.getDecision()).isNull();
              assertThat(r.getReasonCodes()).contains(ReasonCodes.HOLD_RELEASE_REFUSED);
            });
    assertThat(refusals.get(0).getReasonCodes()).contains(ReasonCodes.SELF_APPROVAL_FORBIDDEN);
    assertThat(refusals.get(1).getReasonCodes()).contains(ReasonCodes.ACTOR_NOT_HUMAN);
    assertThat(refusals.get(2).getReasonCodes()).contains(ReasonCodes.HOLD_NOT_ACTIVE);
    assertThat(h.<Hold>store(PolicyStores.HOLDS).get(StoreKeys.of("finalverse", held.getHoldId())))
        .isNotNull();
  }

  @Test
  void finalverseAutoReleasesAtExactlyAutoReleaseAfterSecs() {
    canonical().establish("finalverse", "dep-1", 4);
    PolicyDecision held = h.decide(h.op("finalverse", "scale_down", "dep-1").replicas(3).build());
    long autoRelease = h.decisionsOnly("finalverse").size();

    h.advance(Duration.ofSeconds(3600).minusMillis(1));
    assertThat(h.decisionsOnly("finalverse")).hasSize((int) autoRelease);

    h.advance(Duration.ofMillis(1));
    List<PolicyDecision> decided = h.decisionsOf("finalverse", held.getOperationId());
    assertThat(decided).hasSize(2);
    PolicyDecision allowed = decided.get(1);
    assertThat(allowed.getDecision()).isEqualTo(Decision.ALLOWED);
    assertThat(allowed.getDecidedBy()).isEqualTo(ActorRef.SYSTEM_ID);
    AuditRecord released = h.auditRecord("finalverse", allowed.getAuditSequence() - 1);
    assertThat(released.getEventType()).isEqualTo(AuditEventType.HOLD_AUTO_RELEASED);
    assertThat(released.getActorId()).isEqualTo(ActorRef.SYSTEM_ID);
    assertThat(released.getActorType()).isEqualTo("system");
    assertThat(released.getRecordedAt()).isEqualTo(h.now());
    assertThat(h.deployment("finalverse", "dep-1").orElseThrow().replicas()).isEqualTo(3);
  }

  @Test
  void ibankHoldsNeverReleaseThemselvesAndAReleasedDeleteStillNeedsApproval() {
    canonical().establish("ibank", "dep-1", 3);
    PolicyDecision held = h.decide(h.op("ibank", "delete_deployment", "dep-1").build());
    assertThat(held.getDecision()).isEqualTo(Decision.HELD);

    h.advance(Duration.ofDays(30));
    assertThat(h.decisionsOf("ibank", held.getOperationId())).hasSize(1);

    List<PolicyDecision> released =
        h.release("ibank", held.getOperationId(), "bob", ActorType.HUMAN, HoldAction.RELEASE);
    assertThat(released)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
              assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.APPROVAL_REQUIRED);
              assertThat(d.getHoldId()).isEqualTo(held.getHoldId());
            });

    List<PolicyDecision> approved = h.approve("ibank", held.getOperationId(), "carol");
    assertThat(approved)
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
    assertThat(h.deployment("ibank", "dep-1")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "scale_down",
        "delete_deployment",
        "force_terminate",
        "rollback",
        "force_recovery",
        "force_restart"
      })
  void ibankHoldsEveryBlockedOperation(String operation) {
    canonical().establish("ibank", "dep-1", 3);
    PolicyDecision d = h.decide(h.op("ibank", operation, "dep-1").replicas(2).build());

    assertThat(d.getDecision()).isEqualTo(Decision.HELD);
    assertThat(d.getMessages().get(0)).contains("an authorized releaser must release or cancel it");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scale_down", "delete_deployment", "force_terminate"})
  void finalverseHoldsEveryBlockedOperation(String operation) {
    canonical().establish("finalverse", "dep-1", 3);
    PolicyDecision d = h.decide(h.op("finalverse", operation, "dep-1").replicas(2).build());

    assertThat(d.getDecision()).isEqualTo(Decision.HELD);
    assertThat(d.getMessages().get(0)).contains("released automatically after 3600 s");
  }

  @Test
  void anUpdateThatLowersReplicasIsHeldLikeAScaleDown() {
    canonical().establish("finalverse", "dep-1", 4);

    PolicyDecision d =
        h.decide(h.op("finalverse", "update_deployment", "dep-1").replicas(2).build());

    assertThat(d.getDecision()).isEqualTo(Decision.HELD);
    assertThat(d.getMessages().get(0))
        .contains("'scale_down' is in safety_holds.blocked_operations");
  }

  @Test
  void mapleverseHasNoHolds() {
    canonical().establish("mapleverse", "dep-1", 4);

    PolicyDecision d = h.decide(h.op("mapleverse", "scale_down", "dep-1").replicas(3).build());

    assertThat(d.getDecision()).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void holdReleasersFromTheExtensionsAreTheOnlyOnesWhoMayRelease() {
    PlatformPack pack =
        IBankPack.presetConfig().toBuilder()
            .extensions(PackExtensions.builder().holdReleasers(List.of("ops-lead")).build())
            .build()
            .toPack();
    h = new PolicyHarness(List.of(pack));
    h.establish("ibank", "dep-1", 3);
    PolicyDecision held =
        h.decide(h.op("ibank", "rollback", "dep-1").param("revision", "1").build());

    assertThat(h.release("ibank", held.getOperationId(), "bob", ActorType.HUMAN, HoldAction.CANCEL))
        .isEmpty();
    AuditRecord refused = h.audit("ibank").get(h.audit("ibank").size() - 1);
    assertThat(refused.getReasonCodes()).contains(ReasonCodes.RELEASER_NOT_AUTHORIZED);
    assertThat(refused.getRuleIds()).contains("extensions.hold_releasers");

    assertThat(
            h.release(
                "ibank", held.getOperationId(), "ops-lead", ActorType.HUMAN, HoldAction.CANCEL))
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.DENIED);
    assertThat(
            h.release(
                "ibank", held.getOperationId(), "ops-lead", ActorType.HUMAN, HoldAction.CANCEL))
        .isEmpty();
    assertThat(h.audit("ibank").get(h.audit("ibank").size() - 1).getReasonCodes())
        .contains(ReasonCodes.HOLD_NOT_ACTIVE);
  }
}
