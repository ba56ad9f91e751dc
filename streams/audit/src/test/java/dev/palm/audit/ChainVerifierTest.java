package dev.palm.audit;

import static dev.palm.audit.AuditFixtures.chain;
import static dev.palm.audit.AuditFixtures.rehashed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.audit.VerificationResult.Status;
import dev.palm.events.AuditRecord;
import dev.palm.packs.IntegrityAlgorithm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  private final List<AuditRecord> records = chain(IntegrityAlgorithm.SHA256, "ibank", 10);

  @Test
  void modifiedFieldIsTamperedAtThatSequence() {
    List<AuditRecord> copy = new ArrayList<>(records);
    copy.set(4, AuditRecord.newBuilder(copy.get(4)).setActorId("mallory").build());

    VerificationResult result = ChainVerifier.verify(copy);

    assertThat(result.status()).isEqualTo(Status.TAMPERED);
    assertThat(result.firstBadSequence()).hasValue(4);
    assertThat(result.message()).contains("record 4").contains("modified");
    assertThat(result.problems()).isEqualTo(1);
    assertThat(result.recordsChecked()).isEqualTo(10);
  }

  @Test
  void deletedMiddleRecordIsAGapAtTheMissingSequence() {
    List<AuditRecord> copy = new ArrayList<>(records);
    copy.remove(5);

    VerificationResult result = ChainVerifier.verify(copy);

    assertThat(result.status()).isEqualTo(Status.GAP);
    assertThat(result.firstBadSequence()).hasValue(5);
    assertThat(result.message()).contains("record 5 is missing");
  }

  @Test
  void deletedRangeIsAGapNamingTheWholeRange() {
    List<AuditRecord> copy = new ArrayList<>(records);
    copy.subList(3, 7).clear();

    VerificationResult result = ChainVerifier.verify(copy);

    assertThat(result.status()).isEqualTo(Status.GAP);
    assertThat(result.firstBadSequence()).hasValue(3);
    assertThat(result.message()).contains("records 3..6 are missing");
    assertThat(result.problems()).isEqualTo(1);
  }

  @Test
  void deletedRecordBeforeTheEndOfTheStreamIsStillAGap() {
    List<AuditRecord> copy = new ArrayList<>(records);
    copy.remove(8); // ..., 7, 9 and the stream ends: the jump is only classified at the end

    VerificationResult result = ChainVerifier.verify(copy);

    assertThat(result.status()).isEqualTo(Status.GAP);
    assertThat(result.firstBadSequence()).hasValue(8);
  }

  @Test
  void swappedRecordsAreReordered() {
    List<AuditRecord> copy = new ArrayList<>(records);
    Collections.swap(copy, 3, 4);

    VerificationResult result = ChainVerifier.verify(copy);

    assertThat(result.status()).isEqualTo(Status.REORDERED);
    assertThat(result.firstBadSequence()).hasValue(3);
    assertThat(result.problems()).isEqualTo(1);
    assertThat(result.lastSequence()).hasValue(9);
    assertThat(result.headHash()).contains(records.get(9).getHash());
  }

  @Test
  void duplicatedRecordIsReordered() {
    List<AuditRecord> copy = new ArrayList<>(records);
    copy.add(6, records.get(5));

    VerificationResult result = ChainVerifier.verify(copy);

    assertThat(result.status()).isEqualTo(Status.REORDERED);
    assertThat(result.firstBadSequence()).hasValue(5);
    assertThat(result.message()).contains("out of order or duplicated");
  }

  @Test
  void changedPrevHashWithRecomputedHashIsABrokenLink() {
    List<AuditRecord> copy = new ArrayList<>(records);
    copy.set(6, rehashed(AuditRecord.newBuilder(copy.get(6)).setPrevHash("1".repeat(64)).build()));

    VerificationResult result = ChainVerifier.verify(copy);

    assertThat(result.status()).isEqualTo(Status.BROKEN_LINK);
    assertThat(result.firstBadSequence()).hasValue(6);
    assertThat(result.message()).contains("record 6 links to");
    // The next record links to the original record 6, whose hash is gone: a second broken link.
    assertThat(result.problems()).isEqualTo(2);
  }

  @Test
  void changedPrevHashWithoutRecomputingIsTampered() {
    List<AuditRecord> copy = new ArrayList<>(records);
    copy.set(6, AuditRecord.newBuilder(copy.get(6)).setPrevHash("1".repeat(64)).build());

    VerificationResult result = ChainVerifier.verify(copy);

    assertThat(result.status()).isEqualTo(Status.TAMPERED);
    assertThat(result.firstBadSequence()).hasValue(6);
  }

  @Test
  void replacedRecordWithRecomputedHashBreaksTheNextLink() {
    List<AuditRecord> copy = new ArrayList<>(records);
    copy.set(2, rehashed(AuditRecord.newBuilder(copy.get(2)).setActorId("mallory").build()));

    VerificationResult result = ChainVerifier.verify(copy);

    assertThat(result.status()).isEqualTo(Status.BROKEN_LINK);
    assertThat(result.firstBadSequence()).hasValue(3);
    assertThat(result.message()).contains("record 2 or 3 was replaced");
  }

  @Test
  void firstRecordMustLinkToGenesis() {
    List<AuditRecord> copy = new ArrayList<>(records);
    copy.set(0, rehashed(AuditRecord.newBuilder(copy.get(0)).setPrevHash("f".repeat(64)).build()));

    assertThat(ChainVerifier.verify(copy).status()).isEqualTo(Status.BROKEN_LINK);
    assertThat(ChainVerifier.verify(copy).firstBadSequence()).hasValue(0);
  }

  @Test
  void chainThatDoesNotStartAtZeroHasAGapFromGenesis() {
    VerificationResult result = ChainVerifier.verify(records.subList(3, 10));

    assertThat(result.status()).isEqualTo(Status.GAP);
    assertThat(result.firstBadSequence()).hasValue(0);
    assertThat(result.message()).contains("records 0..2 are missing");
  }

  @Test
  void midRangeVerificationTrustingTheFirstRecord() {
    VerificationResult result = ChainVerifier.verifyRange(records.subList(3, 10));

    assertThat(result.status()).isEqualTo(Status.INTACT);
    assertThat(result.firstSequence()).hasValue(3);
    assertThat(result.lastSequence()).hasValue(9);
    assertThat(result.recordsChecked()).isEqualTo(7);
  }

  @Test
  void midRangeVerificationFromAKnownPreviousHash() {
    ChainVerifier good = ChainVerifier.after(3, records.get(2).getHash());
    records.subList(3, 10).forEach(good);
    assertThat(good.result().intact()).isTrue();

    ChainVerifier wrongHash = ChainVerifier.after(3, records.get(1).getHash());
    records.subList(3, 10).forEach(wrongHash);
    assertThat(wrongHash.result().status()).isEqualTo(Status.BROKEN_LINK);
    assertThat(wrongHash.result().firstBadSequence()).hasValue(3);

    ChainVerifier missingFirst = ChainVerifier.after(3, records.get(2).getHash());
    records.subList(4, 10).forEach(missingFirst);
    assertThat(missingFirst.result().status()).isEqualTo(Status.GAP);
    assertThat(missingFirst.result().firstBadSequence()).hasValue(3);
  }

  @Test
  void unreadableRecordIsReportedAtTheSequenceExpectedThere() {
    ChainVerifier verifier = ChainVerifier.fromGenesis();
    records.subList(0, 4).forEach(verifier);
    verifier.unreadable("palm.ibank.audit-0@4", "unknown magic byte");
    records.subList(5, 10).forEach(verifier);

    VerificationResult result = verifier.result();

    assertThat(result.status()).isEqualTo(Status.UNREADABLE);
    assertThat(result.firstBadSequence()).hasValue(4);
    assertThat(result.message())
        .contains("record 4")
        .contains("palm.ibank.audit-0@4")
        .contains("unknown magic byte");
    assertThat(result.problems()).isEqualTo(1); // record 5 is not blamed for the unreadable one
    assertThat(result.recordsChecked()).isEqualTo(10);
  }

  @Test
  void recordOfAnotherPackOrAlgorithmIsTampered() {
    List<AuditRecord> copy = new ArrayList<>(records);
    copy.set(1, rehashed(AuditRecord.newBuilder(copy.get(1)).setPack("mapleverse").build()));
    VerificationResult result = ChainVerifier.verify(copy);
    assertThat(result.status()).isEqualTo(Status.TAMPERED);
    assertThat(result.message()).contains("pack 'mapleverse'");

    ChainVerifier expecting =
        ChainVerifier.fromGenesis().expectingAlgorithm(IntegrityAlgorithm.SHA512);
    records.forEach(expecting);
    assertThat(expecting.result().status()).isEqualTo(Status.TAMPERED);
    assertThat(expecting.result().firstBadSequence()).hasValue(0);
    assertThat(expecting.result().message()).contains("sha512");
  }

  @Test
  void emptyInputIsIntact() {
    VerificationResult result = ChainVerifier.verify(List.of());
    assertThat(result.intact()).isTrue();
    assertThat(result.recordsChecked()).isZero();
    assertThat(result.firstSequence()).isEmpty();
    assertThat(result.pack()).isEmpty();
    assertThat(result.message()).isEqualTo("no audit records to verify");
  }

  @Test
  void verifiesALongChainStreamedOneRecordAtATime() {
    // Records are generated lazily and dropped after use: the verifier must not need them all at
    // once.
    int n = 20_000;
    AuditChain chain = new AuditChain(IntegrityAlgorithm.SHA256);
    Iterator<AuditRecord> stream =
        new Iterator<>() {
          private ChainHead head = chain.genesis();

          @Override
          public boolean hasNext() {
            return head.nextSequence() < n;
          }

          @Override
          public AuditRecord next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            AuditRecord record =
                chain.append(head, AuditFixtures.draft("ibank", (int) head.nextSequence()));
            head = head.next(record);
            return record;
          }
        };

    VerificationResult result =
        ChainVerifier.fromGenesis().expectingPack("ibank").acceptAll(stream).result();

    assertThat(result.intact()).isTrue();
    assertThat(result.lastSequence()).hasValue(n - 1);
    assertThat(result.recordsChecked()).isEqualTo(n);
  }
}
