package dev.palm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.audit.CheckpointRange;
import dev.palm.audit.CheckpointSigner;
import dev.palm.audit.CheckpointVerification;
import dev.palm.audit.MerkleTree;
import dev.palm.audit.VerificationResult.Status;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.packs.IntegrityAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link AuditReader} against the shared in-process broker and registry, on audit topics written
 * here.
 */
@Tag("integration")
class AuditReaderTest {

  private static final String PACK = "ibank";
  private static final Duration STEP = Duration.ofMinutes(1);

  private static ClientConfig config;
  private static Instant t0;
  private static List<AuditRecord> chain;

  @BeforeAll
  static void writeAChainOfOneHundredRecords() {
    config = Fixture.config("audit-reader");
    Fixture.createTopics(config, PACK);
    t0 = Fixture.base();
    chain = Fixture.chain(PACK, 100, t0, STEP);
    Fixture.writeAudit(config, PACK, chain);
  }

  @Test
  void aTimeRangeIsReadFromTheOffsetThatOffsetsForTimesGivesNotFromTheBeginning() {
    AuditQuery query =
        AuditQuery.builder(PACK)
            .from(t0.plus(STEP.multipliedBy(60)))
            .to(t0.plus(STEP.multipliedBy(70)))
            .timestampSkew(Duration.ZERO)
            .build();
    List<AuditEntry> entries = new ArrayList<>();

    AuditReadSummary summary = new AuditReader(config).read(query, entries::add, ReadProgress.NONE);

    assertThat(entries)
        .extracting(e -> e.record().getSequence())
        .containsExactly(60L, 61L, 62L, 63L, 64L, 65L, 66L, 67L, 68L, 69L);
    // the read began at offset 60 and stopped at the first record after the range: 11 records, not
    // 100
    assertThat(summary.recordsRead()).isEqualTo(11);
    assertThat(summary.chain().status()).isEqualTo(Status.INTACT);
    assertThat(summary.notes()).anyMatch(n -> n.contains("starts mid-chain at sequence 60"));
    assertThat(entries.get(0).position()).endsWith("-0@60");
  }

  @Test
  void theSkewMarginIsReadAndVerifiedButNotReturned() {
    AuditQuery query =
        AuditQuery.builder(PACK)
            .from(t0.plus(STEP.multipliedBy(50)))
            .to(t0.plus(STEP.multipliedBy(52)))
            .timestampSkew(STEP.multipliedBy(3))
            .build();

    AuditReadSummary summary = new AuditReader(config).read(query, e -> {}, ReadProgress.NONE);

    assertThat(summary.recordsMatched()).isEqualTo(2);
    assertThat(summary.chain().firstSequence()).hasValue(47);
    assertThat(summary.chain().lastSequence()).hasValue(55);
  }

  @Test
  void filtersSelectByDeploymentOperationActorAndEventType() {
    AuditReader reader = new AuditReader(config);

    assertThat(reader.query(AuditQuery.builder(PACK).operationId("op-7").build()))
        .extracting(e -> e.record().getSequence())
        .containsExactly(14L, 15L);
    assertThat(
            reader.query(
                AuditQuery.builder(PACK)
                    .deploymentId("dep-1")
                    .to(t0.plus(STEP.multipliedBy(10)))
                    .build()))
        .extracting(e -> e.record().getSequence())
        .containsExactly(1L, 4L, 7L);
    assertThat(
            reader.query(
                AuditQuery.builder(PACK)
                    .actorId("palm-system")
                    .eventType(AuditEventType.DECISION)
                    .to(t0.plus(STEP.multipliedBy(6)))
                    .build()))
        .extracting(e -> e.record().getSequence())
        .containsExactly(1L, 3L, 5L);
    assertThat(reader.query(AuditQuery.builder(PACK).eventType(AuditEventType.HOLD_PLACED).build()))
        .isEmpty();
  }

  @Test
  void aWholeReadStartsAtGenesisAndVerifiesEveryRecord() {
    AuditReadSummary summary =
        new AuditReader(config)
            .verify(AuditQuery.builder(PACK).build(), CheckpointPolicy.none(), ReadProgress.NONE);

    assertThat(summary.intact()).isTrue();
    assertThat(summary.recordsRead()).isEqualTo(100);
    assertThat(summary.chain().lastSequence()).hasValue(99);
    assertThat(summary.notes()).isEmpty();
  }

  @Test
  void anEmptyRangeReadsNothingAndIsIntact() {
    AuditQuery future =
        AuditQuery.builder(PACK).from(Instant.now().plus(Duration.ofDays(1))).build();

    AuditReadSummary summary = new AuditReader(config).read(future, e -> {}, ReadProgress.NONE);

    assertThat(summary.recordsRead()).isZero();
    assertThat(summary.chain().intact()).isTrue();
    assertThat(summary.chain().message()).contains("no audit records");
  }

  @Test
  void progressIsReportedWithTheSizeOfTheRead() {
    List<long[]> updates = new ArrayList<>();
    new AuditReader(config)
        .read(
            AuditQuery.builder(PACK).build(),
            e -> {},
            (done, total) -> updates.add(new long[] {done, total}));

    assertThat(updates.get(0)).containsExactly(0, 100);
    assertThat(updates.get(updates.size() - 1)).containsExactly(100, 100);
  }

  @Test
  void anUnknownPackNamesThePacksThatHaveTopics() {
    assertThatThrownBy(() -> new AuditReader(config).query(AuditQuery.builder("nopack").build()))
        .isInstanceOf(UnknownPackException.class)
        .hasMessageContaining("Unknown pack 'nopack'")
        .hasMessageContaining("known packs: ibank");
  }

  @Test
  void forgedAndUndecodableRecordsAreReportedWithTheirSequence() {
    ClientConfig forged = Fixture.config("audit-forged");
    Fixture.createTopics(forged, PACK);
    List<AuditRecord> records = new ArrayList<>(Fixture.chain(PACK, 10, t0, STEP));
    // a forger changes the actor of record 4 but cannot recompute a hash that the next record links
    // to
    AuditRecord altered = AuditRecord.newBuilder(records.get(4)).setActorId("mallory").build();
    records.set(4, altered);
    Fixture.writeAudit(forged, PACK, records);

    AuditReadSummary tampered =
        new AuditReader(forged)
            .verify(AuditQuery.builder(PACK).build(), CheckpointPolicy.none(), ReadProgress.NONE);
    assertThat(tampered.chain().status()).isEqualTo(Status.TAMPERED);
    assertThat(tampered.chain().firstBadSequence()).hasValue(4);

    ClientConfig garbage = Fixture.config("audit-garbage");
    Fixture.createTopics(garbage, PACK);
    List<AuditRecord> valid = Fixture.chain(PACK, 6, t0, STEP);
    Fixture.writeAudit(garbage, PACK, valid.subList(0, 3));
    Fixture.writeRaw(
        garbage,
        garbage.layout().audit(PACK).name(),
        PACK,
        "not avro".getBytes(StandardCharsets.UTF_8),
        t0.plus(STEP.multipliedBy(3)));
    Fixture.writeAudit(garbage, PACK, valid.subList(4, 6));

    AuditReadSummary unreadable =
        new AuditReader(garbage)
            .verify(AuditQuery.builder(PACK).build(), CheckpointPolicy.none(), ReadProgress.NONE);
    assertThat(unreadable.chain().status()).isEqualTo(Status.UNREADABLE);
    assertThat(unreadable.chain().firstBadSequence()).hasValue(3);
    assertThat(unreadable.unreadable()).isEqualTo(1);
    assertThat(unreadable.chain().message()).contains("-0@3");
  }

  @Test
  void signedCheckpointsAreMatchedAgainstTheRecordsAndAForgedOneIsCaught() {
    ClientConfig withCheckpoints = Fixture.config("audit-checkpoints");
    Fixture.createTopics(withCheckpoints, PACK);
    List<AuditRecord> records = Fixture.chain(PACK, 20, t0, STEP);
    Fixture.writeAudit(withCheckpoints, PACK, records);
    CheckpointSigner signer = CheckpointSigner.ephemeral();
    Checkpoint first = checkpoint(signer, 0, records.subList(0, 10), Optional.empty());
    Checkpoint second =
        checkpoint(signer, 1, records.subList(10, 20), Optional.of(first.getSignature()));
    String topic = withCheckpoints.layout().checkpoints(PACK).name();
    Fixture.write(
        withCheckpoints, topic, Checkpoint.class, PACK, first, records.get(9).getRecordedAt());
    Fixture.write(
        withCheckpoints, topic, Checkpoint.class, PACK, second, records.get(19).getRecordedAt());

    AuditReader reader = new AuditReader(withCheckpoints);
    AuditReadSummary trusted =
        reader.verify(
            AuditQuery.builder(PACK).build(),
            CheckpointPolicy.trusting(List.of(signer.publicKey())),
            ReadProgress.NONE);
    assertThat(trusted.intact()).isTrue();
    assertThat(trusted.checkpoints())
        .get()
        .extracting(CheckpointVerification::rangesMatched)
        .isEqualTo(2L);

    AuditReadSummary otherKey =
        reader.verify(
            AuditQuery.builder(PACK).build(),
            CheckpointPolicy.trusting(List.of(CheckpointSigner.ephemeral().publicKey())),
            ReadProgress.NONE);
    assertThat(otherKey.chain().intact()).isTrue();
    assertThat(otherKey.checkpointsValid()).isFalse();
    assertThat(otherKey.checkpoints().get().status())
        .isEqualTo(CheckpointVerification.Status.UNTRUSTED_KEY);

    // a third checkpoint whose Merkle root was made up
    Checkpoint forged =
        signer.sign(
            Checkpoint.newBuilder(
                    checkpoint(
                        signer, 2, records.subList(19, 20), Optional.of(second.getSignature())))
                .setFirstSequence(15)
                .setMerkleRoot("ab".repeat(32))
                .build());
    Fixture.write(
        withCheckpoints, topic, Checkpoint.class, PACK, forged, records.get(19).getRecordedAt());
    AuditReadSummary mismatch =
        reader.verify(
            AuditQuery.builder(PACK).build(), CheckpointPolicy.embeddedKeys(), ReadProgress.NONE);
    assertThat(mismatch.checkpointsValid()).isFalse();
    assertThat(mismatch.checkpoints().get().firstBadCheckpoint()).hasValue(2);
  }

  private static Checkpoint checkpoint(
      CheckpointSigner signer, long id, List<AuditRecord> range, Optional<String> previous) {
    List<String> hashes = range.stream().map(AuditRecord::getHash).toList();
    AuditRecord last = range.get(range.size() - 1);
    return signer.build(
        PACK,
        "1.0.0",
        id,
        last.getRecordedAt(),
        IntegrityAlgorithm.SHA256,
        new CheckpointRange(
            range.get(0).getSequence(),
            last.getSequence(),
            last.getHash(),
            MerkleTree.root(IntegrityAlgorithm.SHA256, hashes)),
        List.of(),
        previous);
  }
}
