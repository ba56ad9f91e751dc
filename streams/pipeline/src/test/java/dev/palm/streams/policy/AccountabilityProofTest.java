package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.audit.RequestProofs;
import dev.palm.audit.SigningKeys;
import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.ApprovalVerdict;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.HoldAction;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.testing.TestKeys;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Accountability proofs through the topology (issue 9, hole 5): in a pack with {@code
 * accountability.require_proof} (iBank), a request, an approval answer and a hold release act only
 * when signed by their actor's registered key; "approved by bob" means bob's key signed it. The
 * harness does not sign here: each test signs what it sends.
 */
class AccountabilityProofTest {

  private PolicyHarness h;

  @BeforeEach
  void start() {
    h = new PolicyHarness(CanonicalPack.all());
  }

  @AfterEach
  void close() {
    h.close();
  }

  private OperationRequested signedBy(OperationRequested op, String actor) {
    op.setProof(TestKeys.proof(op, actor, h.now()).orElseThrow());
    return op;
  }

  private ApprovalResponse answer(String operationId, String approver, ApprovalVerdict verdict) {
    return new ApprovalResponse(
        null,
        operationId,
        "ibank",
        new Actor(approver, ActorType.HUMAN),
        verdict,
        "checked",
        h.now(),
        null);
  }

  private static String detail(AuditRecord r, String key) {
    return r.getDetails().stream()
        .filter(d -> d.getKey().equals(key))
        .map(AuditDetail::getValue)
        .findFirst()
        .orElse(null);
  }

  private AuditRecord last() {
    List<AuditRecord> audit = h.audit("ibank");
    return audit.get(audit.size() - 1);
  }

  @Test
  void anUnsignedRequestIsDeniedAndAudited() {
    h.unsigned();
    PolicyDecision d = h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(2).build());

    assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.PROOF_MISSING);
    assertThat(d.getRuleIds()).containsExactly("accountability.require_proof");
    assertThat(last().getReasonCodes()).contains(ReasonCodes.PROOF_MISSING);
    assertThat(h.verifyChain("ibank").intact()).isTrue();
  }

  @Test
  void aRequestChangedAfterSigningIsDenied() {
    h.unsigned();
    OperationRequested op =
        signedBy(h.op("ibank", "create_deployment", "dep-1").replicas(2).build(), "alice");
    op.setTargetReplicas(20);

    PolicyDecision d = h.decide(op);

    assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.PROOF_INVALID);
  }

  @Test
  void aRequestSignedWithSomeoneElsesKeyIsDenied() {
    h.unsigned();
    OperationRequested op = h.op("ibank", "create_deployment", "dep-1").replicas(2).build();
    op.setProof(RequestProofs.sign(op, TestKeys.of("bob").orElseThrow(), h.now()));

    assertThat(h.decide(op).getReasonCodes()).containsExactly(ReasonCodes.PROOF_INVALID);
  }

  @Test
  void approvedByBobMeansBobsKeySignedIt() {
    h.unsigned();
    PolicyDecision pending =
        h.decide(
            signedBy(h.op("ibank", "create_deployment", "dep-1").replicas(2).build(), "alice"));
    assertThat(pending.getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
    AuditRecord received =
        h.audit("ibank").stream()
            .filter(r -> r.getEventType() == AuditEventType.OPERATION_RECEIVED)
            .findFirst()
            .orElseThrow();
    assertThat(detail(received, "request.proof.key_id"))
        .isEqualTo(SigningKeys.keyId(TestKeys.of("alice").orElseThrow().getPublic()));
    String id = pending.getOperationId();

    // unsigned, and signed by alice in bob's name: refused, audited, nothing decided
    assertThat(h.respond(answer(id, "bob", ApprovalVerdict.APPROVE))).isEmpty();
    assertThat(last().getReasonCodes()).contains(ReasonCodes.PROOF_MISSING);
    ApprovalResponse forged = answer(id, "bob", ApprovalVerdict.APPROVE);
    forged.setProof(RequestProofs.sign(forged, TestKeys.of("alice").orElseThrow(), h.now()));
    assertThat(h.respond(forged)).isEmpty();
    assertThat(last().getEventType()).isEqualTo(AuditEventType.APPROVAL_RESPONSE);
    assertThat(last().getReasonCodes()).contains(ReasonCodes.PROOF_INVALID);

    ApprovalResponse real = answer(id, "bob", ApprovalVerdict.APPROVE);
    real.setProof(TestKeys.proof(real, "bob", h.now()).orElseThrow());
    List<PolicyDecision> granted = h.respond(real);

    assertThat(granted)
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
    AuditRecord grant =
        h.audit("ibank").stream()
            .filter(r -> r.getEventType() == AuditEventType.APPROVAL_GRANTED)
            .findFirst()
            .orElseThrow();
    assertThat(detail(grant, "input.proof.key_id"))
        .isEqualTo(SigningKeys.keyId(TestKeys.of("bob").orElseThrow().getPublic()));
    assertThat(h.verifyChain("ibank").intact()).isTrue();
  }

  @Test
  void aHoldReleaseMustBeSignedByItsReleaser() {
    h.establish("ibank", "dep-1", 2);
    h.unsigned();
    PolicyDecision held =
        h.decide(signedBy(h.op("ibank", "delete_deployment", "dep-1").build(), "alice"));
    assertThat(held.getDecision()).isEqualTo(Decision.HELD);
    HoldRelease unsigned =
        new HoldRelease(
            null,
            held.getOperationId(),
            "ibank",
            new Actor("carol", ActorType.HUMAN),
            HoldAction.RELEASE,
            "change CHG-7",
            h.now(),
            null);

    assertThat(h.release(unsigned)).isEmpty();
    assertThat(last().getReasonCodes()).contains(ReasonCodes.PROOF_MISSING);

    HoldRelease signed = HoldRelease.newBuilder(unsigned).build();
    signed.setProof(TestKeys.proof(signed, "carol", h.now()).orElseThrow());
    assertThat(h.release(signed))
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.PENDING_APPROVAL);
  }

  @Test
  void aPackWithoutTheRequirementTakesUnsignedInputs() {
    h.unsigned();
    PolicyDecision d =
        h.decide(h.op("mapleverse", "create_deployment", "dep-1").replicas(2).build());

    assertThat(d.getDecision()).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void theKeyringsChangesAreRecordedAtEachStart() {
    h.close();
    java.security.KeyPair alice = TestKeys.of("alice").orElseThrow();
    java.security.KeyPair bob = TestKeys.of("bob").orElseThrow();
    dev.palm.audit.Keyring both =
        new dev.palm.audit.Keyring(
            List.of(
                new dev.palm.audit.Keyring.ActorKey("alice", alice.getPublic(), false),
                new dev.palm.audit.Keyring.ActorKey("bob", bob.getPublic(), false)));
    PolicyOptions first =
        new PolicyOptions(java.time.Duration.ofMillis(1))
            .withStartupEvents(List.of(started("start-1")))
            .withKeyring(both);
    java.util.Map<String, java.util.Map<String, Object>> state;
    h = new PolicyHarness(CanonicalPack.all(), first);
    h.advance(java.time.Duration.ofMillis(5));
    assertThat(h.audit("ibank"))
        .extracting(AuditRecord::getEventType)
        .containsExactly(
            AuditEventType.PIPELINE_STARTED,
            AuditEventType.KEY_REGISTERED,
            AuditEventType.KEY_REGISTERED);
    assertThat(h.audit("ibank").get(1).getReasonCodes())
        .containsExactly(ReasonCodes.KEY_REGISTERED);
    assertThat(detail(h.audit("ibank").get(1), "key.id"))
        .isEqualTo(SigningKeys.keyId(alice.getPublic()));
    // mapleverse requires no proofs: its chain says nothing about keys
    assertThat(h.audit("mapleverse")).extracting(AuditRecord::getEventType).isEmpty();
    state = h.policyState();
    h.close();

    // next start: alice's key revoked, bob's removed from the keyring, carol's added
    java.security.KeyPair carol = TestKeys.of("carol").orElseThrow();
    dev.palm.audit.Keyring changed =
        new dev.palm.audit.Keyring(
            List.of(
                new dev.palm.audit.Keyring.ActorKey("alice", alice.getPublic(), true),
                new dev.palm.audit.Keyring.ActorKey("carol", carol.getPublic(), false)));
    h =
        new PolicyHarness(
            CanonicalPack.all(),
            first.withStartupEvents(List.of(started("start-2"))).withKeyring(changed));
    h.restore(state);
    h.advance(java.time.Duration.ofMillis(5));

    assertThat(h.audit("ibank"))
        .extracting(AuditRecord::getEventType)
        .containsExactly(
            AuditEventType.PIPELINE_STARTED,
            AuditEventType.KEY_REVOKED,
            AuditEventType.KEY_REGISTERED,
            AuditEventType.KEY_REVOKED);
    assertThat(h.audit("ibank"))
        .extracting(r -> detail(r, "key.actor"))
        .containsExactly(null, "alice", "carol", "bob");
    assertThat(h.audit("ibank").get(3).getReasonCodes()).containsExactly(ReasonCodes.KEY_REVOKED);
  }

  private static SystemEvent started(String startId) {
    return new SystemEvent(
        "ibank",
        AuditEventType.PIPELINE_STARTED,
        "PIPELINE_STARTED",
        "pipeline 'test' started enforcing pack 'ibank'",
        java.util.Map.of(SystemEvent.START_ID, startId));
  }
}
