package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.ActorType;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.HoldAction;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PackExtensions;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.streams.operations.ReasonCodes;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regressions of the trust holes of identities and operation names: re-spelled self-approval, one
 * person counted twice, blank and reserved identities, unknown or re-spelled operations
 * (docs/decisions.md §1).
 */
class IdentityAndVocabularyTest {

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

  private static AuditRecord last(List<AuditRecord> trail) {
    return trail.get(trail.size() - 1);
  }

  private PolicyDecision pendingIbankCreate() {
    PolicyDecision pending =
        h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());
    assertThat(pending.getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
    return pending;
  }

  @Test
  void theRequesterCannotApproveUnderAnotherSpelling() {
    canonical();
    PolicyDecision pending = pendingIbankCreate();
    for (String alias : List.of("Alice", "alice ", "ALICE", " \u0041lice", "\uFF41lice")) {
      assertThat(h.approve("ibank", pending.getOperationId(), alias)).as(alias).isEmpty();
      AuditRecord refused = last(h.audit("ibank"));
      assertThat(refused.getReasonCodes()).as(alias).contains(ReasonCodes.SELF_APPROVAL_FORBIDDEN);
      assertThat(refused.getActorId()).isEqualTo("alice");
    }
    AuditRecord respelled = last(h.audit("ibank"));
    assertThat(respelled.getDetails()).contains(new AuditDetail("actor.id_as_sent", "\uFF41lice"));
    assertThat(h.approve("ibank", pending.getOperationId(), "bob"))
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void theRequesterCannotReleaseTheirOwnHoldUnderAnotherSpelling() {
    canonical().establish("finalverse", "dep-1", 4);
    PolicyDecision held = h.decide(h.op("finalverse", "delete_deployment", "dep-1").build());
    assertThat(held.getDecision()).isEqualTo(Decision.HELD);
    assertThat(
            h.release(
                "finalverse", held.getOperationId(), "ALICE", ActorType.HUMAN, HoldAction.RELEASE))
        .isEmpty();
    assertThat(last(h.audit("finalverse")).getReasonCodes())
        .contains(ReasonCodes.SELF_APPROVAL_FORBIDDEN);
    assertThat(h.deployment("finalverse", "dep-1")).isPresent();
  }

  @Test
  void onePersonCountsOnceWhateverTheSpelling() {
    h =
        new PolicyHarness(
            List.of(
                ibankWith(
                    PackExtensions.builder()
                        .approvers(List.of("Bob", "carol"))
                        .approvalsRequired(2)
                        .build())));
    PolicyDecision pending = pendingIbankCreate();
    assertThat(h.approve("ibank", pending.getOperationId(), "bob")).isEmpty();
    assertThat(last(h.audit("ibank")).getReasonCodes())
        .containsExactly(ReasonCodes.APPROVAL_RECORDED);
    for (String again : List.of("bob ", "Bob", "BOB")) {
      assertThat(h.approve("ibank", pending.getOperationId(), again)).as(again).isEmpty();
      assertThat(last(h.audit("ibank")).getReasonCodes())
          .as(again)
          .containsExactly(ReasonCodes.DUPLICATE_APPROVAL);
    }
    assertThat(h.approve("ibank", pending.getOperationId(), "Carol"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDecision()).isEqualTo(Decision.ALLOWED);
              assertThat(d.getMessages().get(0)).startsWith("approved by bob, carol");
            });
  }

  @Test
  void blankInvisibleAndReservedIdentitiesAreRefused() {
    canonical();
    PolicyDecision pending = pendingIbankCreate();
    for (String bad : List.of("", "   ", "bo\u200Bb", "bob\u0000", "x".repeat(300))) {
      assertThat(h.approve("ibank", pending.getOperationId(), bad)).isEmpty();
      assertThat(last(h.audit("ibank")).getReasonCodes())
          .as("approver %s", bad)
          .containsExactly(ReasonCodes.IDENTITY_INVALID);
    }
    for (String reserved : List.of("palm-system", "PALM-System", "palm-anything")) {
      assertThat(h.approve("ibank", pending.getOperationId(), reserved)).isEmpty();
      assertThat(last(h.audit("ibank")).getReasonCodes())
          .as("approver %s", reserved)
          .containsExactly(ReasonCodes.IDENTITY_RESERVED);
    }
    h.establish("ibank", "dep-2", 2);
    PolicyDecision held = h.decide(h.op("ibank", "force_restart", "dep-2").build());
    assertThat(held.getDecision()).isEqualTo(Decision.HELD);
    assertThat(h.release("ibank", held.getOperationId(), "", ActorType.HUMAN, HoldAction.RELEASE))
        .isEmpty();
    assertThat(last(h.audit("ibank")).getReasonCodes()).contains(ReasonCodes.IDENTITY_INVALID);
    assertThat(h.decisionsOf("ibank", pending.getOperationId())).hasSize(1);
  }

  @Test
  void aRequestUnderAReservedOrInvisibleIdentityIsDenied() {
    canonical();
    PolicyDecision reserved =
        h.decide(
            h.op("mapleverse", "create_deployment", "dep-1")
                .actor("palm-system", ActorType.SYSTEM)
                .build());
    assertThat(reserved.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(reserved.getReasonCodes()).containsExactly(ReasonCodes.IDENTITY_RESERVED);
    PolicyDecision invisible =
        h.decide(
            h.op("mapleverse", "create_deployment", "dep-2")
                .actor("\u200B", ActorType.HUMAN)
                .build());
    assertThat(invisible.getReasonCodes()).containsExactly(ReasonCodes.IDENTITY_INVALID);
  }

  @Test
  void unknownAndReSpelledOperationsAreDenied() {
    canonical().establish("ibank", "web", 2);
    for (String name : List.of("DELETE_DEPLOYMENT", "delete-deployment", "restrat", "drain_node")) {
      PolicyDecision d = h.decide(h.op("ibank", name, "web").build());
      assertThat(d.getDecision()).as(name).isEqualTo(Decision.DENIED);
      assertThat(d.getReasonCodes()).as(name).containsExactly(ReasonCodes.UNKNOWN_OPERATION);
    }
    PolicyDecision respelled = h.decide(h.op("ibank", "delete-deployment", "web").build());
    assertThat(respelled.getMessages().get(0)).contains("did you mean 'delete_deployment'?");
    assertThat(h.deployment("ibank", "web")).isPresent();
  }

  @Test
  void aDeclaredOperationIsDecidedByThePacksRules() {
    PlatformPack pack =
        IBankPack.presetConfig().toBuilder()
            .extensions(
                IBankPack.presetConfig().extensions().toBuilder()
                    .operations(List.of("drain_node"))
                    .build())
            .build()
            .toPack();
    h = new PolicyHarness(List.of(pack));
    PolicyDecision d = h.decide(h.op("ibank", "drain_node", "web").build());
    assertThat(d.getDecision()).isEqualTo(Decision.ALLOWED);
    assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.POLICY_PASSED);
  }

  private static PlatformPack ibankWith(PackExtensions extensions) {
    return IBankPack.presetConfig().toBuilder().extensions(extensions).build().toPack();
  }
}
