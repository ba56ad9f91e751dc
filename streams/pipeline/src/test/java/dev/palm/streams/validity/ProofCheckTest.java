package dev.palm.streams.validity;

import static dev.palm.streams.operations.ReasonCodes.PROOF_INVALID;
import static dev.palm.streams.operations.ReasonCodes.PROOF_MISSING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.palm.audit.Keyring;
import dev.palm.audit.RequestProofs;
import dev.palm.audit.SigningKeys;
import dev.palm.events.AccountabilityProof;
import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.ApprovalVerdict;
import dev.palm.events.HoldAction;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationRequested;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.testing.RuleFixtures;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table of {@link ProofCheck}: which accountability proofs of a request are accepted, and with
 * which reason code the others are refused; plus the answers' and releases' proofs.
 */
class ProofCheckTest {

  private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
  private static final KeyPair ALICE = SigningKeys.generate();
  private static final KeyPair ALICE_OLD = SigningKeys.generate();
  private static final KeyPair BOB = SigningKeys.generate();
  private static final KeyPair STRANGER = SigningKeys.generate();
  private static final PlatformPack PACK = RuleFixtures.pack(b -> b);
  private static final ActorKeys KEYS =
      ActorKeys.of(
          PACK,
          new Keyring(
              List.of(
                  new Keyring.ActorKey("Alice", ALICE.getPublic(), false),
                  new Keyring.ActorKey("alice", ALICE_OLD.getPublic(), true),
                  new Keyring.ActorKey("bob", BOB.getPublic(), false))));

  private static OperationRequested request(String actor) {
    return OperationRequested.newBuilder()
        .setOperationId("op-1")
        .setPack(RuleFixtures.PACK)
        .setOperation("delete_deployment")
        .setDeploymentId("payments")
        .setAgentId(null)
        .setActor(new Actor(actor, ActorType.HUMAN))
        .setEnvironment(null)
        .setRequestedAt(NOW)
        .setTargetReplicas(null)
        .setInstanceCount(null)
        .setResources(null)
        .setProof(null)
        .setJustification("decommission")
        .setTraceId(null)
        .setAgentSpec(null)
        .build();
  }

  private static OperationRequested signed(OperationRequested op, KeyPair key, Instant at) {
    OperationRequested copy = OperationRequested.newBuilder(op).build();
    copy.setProof(RequestProofs.sign(copy, key, at));
    return copy;
  }

  private static OperationRequested with(
      OperationRequested op, UnaryOperator<OperationRequested.Builder> change) {
    return change.apply(OperationRequested.newBuilder(op)).build();
  }

  private static AccountabilityProof proofOf(OperationRequested op) {
    return op.getProof();
  }

  static Stream<Arguments> requests() {
    OperationRequested byAlice = signed(request("alice"), ALICE, NOW);
    return Stream.of(
        arguments("signed by the actor's key", byAlice, Optional.empty()),
        arguments(
            "signed by the actor, id re-spelled (canonical match)",
            signed(request(" ALICE "), ALICE, NOW),
            Optional.empty()),
        arguments("no proof", request("alice"), Optional.of(PROOF_MISSING)),
        arguments(
            "changed after signing (deployment)",
            with(byAlice, b -> b.setDeploymentId("ledger")),
            Optional.of(PROOF_INVALID)),
        arguments(
            "changed after signing (actor claims to be bob)",
            with(byAlice, b -> b.setActor(new Actor("bob", ActorType.HUMAN))),
            Optional.of(PROOF_INVALID)),
        arguments(
            "changed after signing (justification)",
            with(byAlice, b -> b.setJustification("other")),
            Optional.of(PROOF_INVALID)),
        arguments(
            "another actor's key named as alice's",
            signed(request("alice"), BOB, NOW),
            Optional.of(PROOF_INVALID)),
        arguments(
            "a key nobody registered",
            signed(request("alice"), STRANGER, NOW),
            Optional.of(PROOF_INVALID)),
        arguments(
            "an actor without keys",
            signed(request("zoe"), STRANGER, NOW),
            Optional.of(PROOF_INVALID)),
        arguments(
            "a revoked key", signed(request("alice"), ALICE_OLD, NOW), Optional.of(PROOF_INVALID)),
        arguments(
            "signed too long ago",
            signed(request("alice"), ALICE, NOW.minus(ProofCheck.MAX_AGE).minusSeconds(1)),
            Optional.of(PROOF_INVALID)),
        arguments(
            "signed in the future",
            signed(request("alice"), ALICE, NOW.plus(ProofCheck.MAX_SKEW).plusSeconds(1)),
            Optional.of(PROOF_INVALID)),
        arguments(
            "signed just inside the age limit",
            signed(request("alice"), ALICE, NOW.minus(ProofCheck.MAX_AGE)),
            Optional.empty()),
        arguments(
            "another algorithm named",
            with(
                byAlice,
                b ->
                    b.setProof(
                        AccountabilityProof.newBuilder(proofOf(byAlice))
                            .setAlgorithm("rsa")
                            .build())),
            Optional.of(PROOF_INVALID)),
        arguments(
            "a signature that is not base64",
            with(
                byAlice,
                b ->
                    b.setProof(
                        AccountabilityProof.newBuilder(proofOf(byAlice))
                            .setSignature("%%%")
                            .build())),
            Optional.of(PROOF_INVALID)),
        arguments(
            "the signing time changed",
            with(
                byAlice,
                b ->
                    b.setProof(
                        AccountabilityProof.newBuilder(proofOf(byAlice))
                            .setSignedAt(NOW.minusSeconds(5))
                            .build())),
            Optional.of(PROOF_INVALID)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void requestProofs(String name, OperationRequested op, Optional<String> refusal) {
    ProofCheck.Result result =
        ProofCheck.checkRequest(true, RuleFixtures.PACK, KEYS, op, NOW.toEpochMilli());

    assertThat(result.refusal().map(Finding::reasonCode)).isEqualTo(refusal);
    assertThat(result.refusal().map(Finding::ruleId)).isEqualTo(refusal.map(r -> ProofCheck.RULE));
    if (refusal.isEmpty()) {
      assertThat(result.verifiedKey()).contains(SigningKeys.keyId(ALICE.getPublic()));
    } else {
      assertThat(result.verifiedKey()).isEmpty();
    }
  }

  @Test
  void aPackThatDoesNotRequireProofsJudgesNothing() {
    ProofCheck.Result result =
        ProofCheck.checkRequest(
            false, RuleFixtures.PACK, ActorKeys.none(), request("alice"), NOW.toEpochMilli());

    assertThat(result.accepted()).isTrue();
    assertThat(result.verifiedKey()).isEmpty();
  }

  @Test
  void anAnswerMustBeSignedByItsApprover() {
    ApprovalResponse answer =
        new ApprovalResponse(
            null,
            "op-1",
            RuleFixtures.PACK,
            new Actor("bob", ActorType.HUMAN),
            ApprovalVerdict.APPROVE,
            "ok",
            NOW,
            null);
    long now = NOW.toEpochMilli();

    assertThat(ProofCheck.checkAnswer(true, "p", KEYS, answer, now).refusal())
        .map(Finding::reasonCode)
        .contains(PROOF_MISSING);
    answer.setProof(RequestProofs.sign(answer, BOB, NOW));
    assertThat(ProofCheck.checkAnswer(true, "p", KEYS, answer, now).verifiedKey())
        .contains(SigningKeys.keyId(BOB.getPublic()));
    // the same signature on a rejection, or alice signing an answer "by bob": refused
    ApprovalResponse flipped = ApprovalResponse.newBuilder(answer).build();
    flipped.setVerdict(ApprovalVerdict.REJECT);
    assertThat(ProofCheck.checkAnswer(true, "p", KEYS, flipped, now).refusal())
        .map(Finding::reasonCode)
        .contains(PROOF_INVALID);
    ApprovalResponse forged = ApprovalResponse.newBuilder(answer).build();
    forged.setProof(RequestProofs.sign(forged, ALICE, NOW));
    assertThat(ProofCheck.checkAnswer(true, "p", KEYS, forged, now).refusal())
        .map(Finding::reasonCode)
        .contains(PROOF_INVALID);
  }

  @Test
  void aReleaseMustBeSignedByItsReleaser() {
    HoldRelease release =
        new HoldRelease(
            null,
            "op-1",
            RuleFixtures.PACK,
            new Actor("bob", ActorType.HUMAN),
            HoldAction.RELEASE,
            "change CHG-7",
            NOW,
            null);
    long now = NOW.toEpochMilli();

    assertThat(ProofCheck.checkRelease(true, "p", KEYS, release, now).refusal())
        .map(Finding::reasonCode)
        .contains(PROOF_MISSING);
    release.setProof(RequestProofs.sign(release, BOB, NOW));
    assertThat(ProofCheck.checkRelease(true, "p", KEYS, release, now).accepted()).isTrue();
    // a request's proof cannot be replayed as a release: the digests differ by kind
    HoldRelease replayed = HoldRelease.newBuilder(release).build();
    replayed.setProof(RequestProofs.sign(request("bob"), BOB, NOW));
    assertThat(ProofCheck.checkRelease(true, "p", KEYS, replayed, now).refusal())
        .map(Finding::reasonCode)
        .contains(PROOF_INVALID);
  }
}
