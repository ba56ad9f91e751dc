package dev.palm.audit;

import static dev.palm.audit.AuditFixtures.T0;
import static dev.palm.audit.AuditFixtures.chain;
import static dev.palm.audit.AuditFixtures.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.audit.CheckpointVerification.Status;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.packs.IntegrityAlgorithm;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointTest {

  private static final CheckpointSigner SIGNER = CheckpointSigner.ephemeral();

  private final List<AuditRecord> records = chain(IntegrityAlgorithm.SHA384, "finalverse", 30);

  /** Three checkpoints over 0..9, 10..24 and 25..29. */
  private List<Checkpoint> checkpoints(CheckpointSigner signer) {
    return checkpoints(signer, signer);
  }

  /** The three checkpoints, the last one signed by {@code lastSigner}. */
  private List<Checkpoint> checkpoints(CheckpointSigner signer, CheckpointSigner lastSigner) {
    List<Checkpoint> checkpoints = new ArrayList<>();
    int[][] ranges = {{0, 9}, {10, 24}, {25, 29}};
    Optional<String> prev = Optional.empty();
    for (int id = 0; id < ranges.length; id++) {
      List<AuditRecord> range = records.subList(ranges[id][0], ranges[id][1] + 1);
      Checkpoint checkpoint =
          (id == ranges.length - 1 ? lastSigner : signer)
              .build(
                  "finalverse",
                  "2.0.0",
                  id,
                  T0.plusSeconds(300L * id),
                  IntegrityAlgorithm.SHA384,
                  rangeOf(range),
                  List.of(detail("pending_approvals", "2"), detail("active_holds", "0")),
                  prev);
      checkpoints.add(checkpoint);
      prev = Optional.of(checkpoint.getSignature());
    }
    return checkpoints;
  }

  static CheckpointRange rangeOf(List<AuditRecord> range) {
    return new CheckpointRange(
        range.get(0).getSequence(),
        range.get(range.size() - 1).getSequence(),
        range.get(range.size() - 1).getHash(),
        MerkleTree.root(
            IntegrityAlgorithm.SHA384, range.stream().map(AuditRecord::getHash).toList()));
  }

  @Test
  void builtCheckpointIsSignedOverItsCanonicalBytesWithEd25519() throws Exception {
    Checkpoint checkpoint = checkpoints(SIGNER).get(1);

    assertThat(checkpoint.getCheckpointId()).isEqualTo(1);
    assertThat(checkpoint.getFirstSequence()).isEqualTo(10);
    assertThat(checkpoint.getLastSequence()).isEqualTo(24);
    assertThat(checkpoint.getHeadHash()).isEqualTo(records.get(24).getHash());
    assertThat(checkpoint.getAlgorithm()).isEqualTo("sha384");
    assertThat(checkpoint.getStateSummary())
        .extracting(AuditDetail::getKey)
        .containsExactly("active_holds", "pending_approvals");
    assertThat(checkpoint.getSigningKeyId()).isEqualTo(SIGNER.keyId()).hasSize(16);
    assertThat(checkpoint.getPublicKey()).isEqualTo(SIGNER.publicKeyBase64());

    Signature verify = Signature.getInstance("Ed25519");
    verify.initVerify(SigningKeys.decodePublicKey(checkpoint.getPublicKey()));
    verify.update(Checkpoints.canonicalBytes(checkpoint));
    assertThat(verify.verify(Base64.getDecoder().decode(checkpoint.getSignature()))).isTrue();
    assertThat(CheckpointVerifier.signatureValid(checkpoint)).isTrue();
  }

  @Test
  void checkpointsChainThroughPrevSignature() {
    List<Checkpoint> checkpoints = checkpoints(SIGNER);
    assertThat(checkpoints.get(0).getPrevSignature()).isNull();
    assertThat(checkpoints.get(1).getPrevSignature()).isEqualTo(checkpoints.get(0).getSignature());
    assertThat(checkpoints.get(2).getPrevSignature()).isEqualTo(checkpoints.get(1).getSignature());
    assertThatThrownBy(
            () ->
                SIGNER.build(
                    "finalverse",
                    "2.0.0",
                    1,
                    T0,
                    IntegrityAlgorithm.SHA384,
                    rangeOf(records),
                    List.of(),
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a previous signature");
  }

  @Test
  void verifiesSignaturesChainAndRangesAgainstTheAuditRecords() {
    CheckpointVerifier verifier = CheckpointVerifier.trusting(List.of(SIGNER.publicKey()));
    checkpoints(SIGNER).forEach(verifier::acceptCheckpoint);
    records.forEach(verifier::acceptRecord);

    CheckpointVerification result = verifier.recordsReadToEnd().result();

    assertThat(result.status()).isEqualTo(Status.VALID);
    assertThat(result.checkpointsChecked()).isEqualTo(3);
    assertThat(result.rangesMatched()).isEqualTo(3);
    assertThat(result.rangesUnchecked()).isZero();
  }

  @Test
  void withoutPinnedKeysTheVerdictIsUnpinnedAndKeyChangesAreReported() {
    CheckpointSigner other = CheckpointSigner.ephemeral();
    CheckpointVerifier verifier = CheckpointVerifier.trustingEmbeddedKeys();
    checkpoints(SIGNER, other).forEach(verifier::acceptCheckpoint);
    records.forEach(verifier::acceptRecord);

    CheckpointVerification result = verifier.recordsReadToEnd().result();

    assertThat(result.valid()).isTrue();
    assertThat(result.pinned()).isFalse();
    assertThat(result.verdict()).isEqualTo("UNPINNED");
    assertThat(result.message()).contains("not pinned");
    assertThat(result.signingKeyIds()).containsExactly(SIGNER.keyId(), other.keyId());
    assertThat(result.keyChanges())
        .containsExactly(
            "checkpoint 2 is signed by key "
                + other.keyId()
                + ", the one before by "
                + SIGNER.keyId());

    CheckpointVerifier pinned = CheckpointVerifier.trusting(List.of(SIGNER.publicKey()));
    checkpoints(SIGNER).forEach(pinned::acceptCheckpoint);
    records.forEach(pinned::acceptRecord);
    assertThat(pinned.recordsReadToEnd().result().verdict()).isEqualTo("VALID");
  }

  @Test
  void changedCheckpointFieldBreaksTheSignature() {
    List<Checkpoint> checkpoints = checkpoints(SIGNER);
    checkpoints.set(1, Checkpoint.newBuilder(checkpoints.get(1)).setLastSequence(23L).build());

    CheckpointVerifier verifier = CheckpointVerifier.trustingEmbeddedKeys();
    checkpoints.forEach(verifier::acceptCheckpoint);

    assertThat(verifier.result().status()).isEqualTo(Status.BAD_SIGNATURE);
    assertThat(verifier.result().firstBadCheckpoint()).hasValue(1);
    assertThat(verifier.result().message()).contains("checkpoint 1");
  }

  @Test
  void checkpointsResignedByAnotherKeyAreUntrusted() {
    CheckpointSigner forger = CheckpointSigner.ephemeral();
    CheckpointVerifier verifier = CheckpointVerifier.trusting(List.of(SIGNER.publicKey()));
    checkpoints(forger).forEach(verifier::acceptCheckpoint);

    assertThat(verifier.result().status()).isEqualTo(Status.UNTRUSTED_KEY);
    assertThat(verifier.result().firstBadCheckpoint()).hasValue(0);

    CheckpointVerifier embedded = CheckpointVerifier.trustingEmbeddedKeys();
    checkpoints(forger).forEach(embedded::acceptCheckpoint);
    assertThat(embedded.result().valid()).isTrue();
  }

  @Test
  void missingOrReplacedCheckpointBreaksTheChain() {
    List<Checkpoint> checkpoints = checkpoints(SIGNER);
    CheckpointVerifier skipping = CheckpointVerifier.trustingEmbeddedKeys();
    skipping.acceptCheckpoint(checkpoints.get(0));
    skipping.acceptCheckpoint(checkpoints.get(2));
    assertThat(skipping.result().status()).isEqualTo(Status.BROKEN_CHAIN);
    assertThat(skipping.result().firstBadCheckpoint()).hasValue(2);

    // A validly signed replacement for checkpoint 1 does not carry into checkpoint 2's
    // prev_signature.
    Checkpoint replacement =
        SIGNER.build(
            "finalverse",
            "2.0.0",
            1,
            T0,
            IntegrityAlgorithm.SHA384,
            rangeOf(records.subList(10, 25)),
            List.of(),
            Optional.of(checkpoints.get(0).getSignature()));
    CheckpointVerifier replaced = CheckpointVerifier.trustingEmbeddedKeys();
    replaced.acceptCheckpoint(checkpoints.get(0));
    replaced.acceptCheckpoint(replacement);
    replaced.acceptCheckpoint(checkpoints.get(2));
    assertThat(replaced.result().status()).isEqualTo(Status.BROKEN_CHAIN);
    assertThat(replaced.result().firstBadCheckpoint()).hasValue(2);
    assertThat(replaced.result().message()).contains("prev_signature");
  }

  @Test
  void modifiedAuditRecordInACheckpointedRangeIsARangeMismatch() {
    List<AuditRecord> tampered = new ArrayList<>(records);
    // Rewriting record 12 and every later hash keeps the chain itself consistent; the checkpoint
    // does not.
    AuditChain chain = new AuditChain(IntegrityAlgorithm.SHA384);
    ChainHead head = ChainHead.after(tampered.get(11));
    for (int i = 12; i < tampered.size(); i++) {
      AuditRecord draft =
          i == 12
              ? AuditRecord.newBuilder(tampered.get(i)).setActorId("mallory").build()
              : tampered.get(i);
      AuditRecord rewritten = chain.append(head, draft);
      head = head.next(rewritten);
      tampered.set(i, rewritten);
    }
    assertThat(ChainVerifier.verify(tampered).intact()).isTrue();

    CheckpointVerifier verifier = CheckpointVerifier.trusting(List.of(SIGNER.publicKey()));
    checkpoints(SIGNER).forEach(verifier::acceptCheckpoint);
    tampered.forEach(verifier::acceptRecord);
    CheckpointVerification result = verifier.recordsReadToEnd().result();

    assertThat(result.status()).isEqualTo(Status.RANGE_MISMATCH);
    assertThat(result.firstBadCheckpoint()).hasValue(1);
    assertThat(result.message()).contains("Merkle root").contains("records 10..24");
    assertThat(result.rangesMatched()).isEqualTo(1);
  }

  @Test
  void deletedTrailingRecordsAreFoundWhenReadToTheEnd() {
    CheckpointVerifier verifier = CheckpointVerifier.trustingEmbeddedKeys();
    checkpoints(SIGNER).forEach(verifier::acceptCheckpoint);
    records.subList(0, 27).forEach(verifier::acceptRecord);

    assertThat(verifier.result().valid())
        .as("a bounded read leaves the last range unchecked")
        .isTrue();
    assertThat(verifier.result().rangesUnchecked()).isEqualTo(1);

    CheckpointVerification result = verifier.recordsReadToEnd().result();
    assertThat(result.status()).isEqualTo(Status.RANGE_MISMATCH);
    assertThat(result.firstBadCheckpoint()).hasValue(2);
    assertThat(result.message()).contains("deleted");
  }

  @Test
  void deletedWholeRangeIsAMismatch() {
    CheckpointVerifier verifier = CheckpointVerifier.trustingEmbeddedKeys();
    checkpoints(SIGNER).forEach(verifier::acceptCheckpoint);
    records.subList(0, 10).forEach(verifier::acceptRecord);
    records.subList(25, 30).forEach(verifier::acceptRecord);

    assertThat(verifier.result().status()).isEqualTo(Status.RANGE_MISMATCH);
    assertThat(verifier.result().firstBadCheckpoint()).hasValue(1);
  }

  @Test
  void rangeThatStartedBeforeTheRecordsReadIsUncheckedNotFailed() {
    CheckpointVerifier verifier = CheckpointVerifier.trustingEmbeddedKeys();
    checkpoints(SIGNER).forEach(verifier::acceptCheckpoint);
    records.subList(15, 30).forEach(verifier::acceptRecord);

    CheckpointVerification result = verifier.recordsReadToEnd().result();

    assertThat(result.valid()).isTrue();
    assertThat(result.rangesMatched()).isEqualTo(1);
    assertThat(result.rangesUnchecked()).isEqualTo(2);
    assertThat(result.message()).contains("2 not covered");
  }

  @Test
  void verifyRangeMatchesOneCheckpoint() {
    Checkpoint checkpoint = checkpoints(SIGNER).get(1);
    assertThat(CheckpointVerifier.verifyRange(checkpoint, records.subList(10, 25)).valid())
        .isTrue();
    List<AuditRecord> missingOne = new ArrayList<>(records.subList(10, 25));
    missingOne.remove(7);
    assertThat(CheckpointVerifier.verifyRange(checkpoint, missingOne).status())
        .isEqualTo(Status.RANGE_MISMATCH);
  }
}
