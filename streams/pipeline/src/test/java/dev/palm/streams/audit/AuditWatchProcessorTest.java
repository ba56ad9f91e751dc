package dev.palm.streams.audit;

import static dev.palm.audit.AuditFixtures.T0;
import static dev.palm.audit.AuditFixtures.chain;
import static dev.palm.audit.AuditFixtures.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.audit.CheckpointSigner;
import dev.palm.audit.CheckpointVerification;
import dev.palm.audit.CheckpointVerifier;
import dev.palm.audit.Digests;
import dev.palm.audit.MerkleTree;
import dev.palm.audit.RecordSeal;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.events.ForeignRecord;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.canonical.IBankPack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit watcher: checkpoints bind the offsets they account for, idle packs get checkpoints, and
 * records the pipeline did not seal are listed as foreign, never counted in the chain.
 */
class AuditWatchProcessorTest {

  private static final CheckpointSigner SIGNER = CheckpointSigner.ephemeral();
  private static final RecordSeal SEAL = SIGNER.recordSeal();
  private static final CheckpointSchedule IBANK =
      new CheckpointSchedule(
          "ibank", "1.0.0", IntegrityAlgorithm.SHA512, true, Duration.ofSeconds(60));
  private static final CheckpointSchedule MAPLEVERSE =
      new CheckpointSchedule(
          "mapleverse", "0.9.0", IntegrityAlgorithm.SHA256, true, Duration.ofSeconds(300));
  private static final CheckpointSchedule MANUAL =
      new CheckpointSchedule(
          "finalverse", "2.0.0", IntegrityAlgorithm.SHA384, false, Duration.ofSeconds(1));
  private static final AvroBinarySerde<AuditRecord> AUDIT =
      new AvroBinarySerde<>(AuditRecord.class);

  @TempDir Path stateDir;

  private static AuditWatchProcessor watcher(
      List<CheckpointSchedule> schedules, StateSummarySource summary) {
    return new AuditWatchProcessor(
        AuditWatchProcessor.byTopic(schedules, pack -> "palm." + pack + ".audit"),
        SIGNER,
        AUDIT.deserializer(),
        summary,
        new AuditWatchProcessor.Wiring("windows", "checkpoints", "dlq", 1),
        (pack, topic, partition, offset, digest, reason) -> {});
  }

  @Test
  void punctuatorCheckpointsEachDuePackWithItsSummaryAndIdlePacksAgain() {
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    KeyValueStore<String, CheckpointWindow> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("windows"), Serdes.String(), CheckpointWindow.serde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    StateSummarySource summary = pack -> List.of(detail("pending_approvals", pack.length() + ""));
    AuditWatchProcessor processor = watcher(List.of(IBANK, MANUAL), summary);
    processor.init(context);

    assertThat(context.scheduledPunctuators()).hasSize(1);
    CapturedPunctuator scheduled = context.scheduledPunctuators().get(0);
    assertThat(scheduled.getInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(scheduled.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);

    List<AuditRecord> ibank = chain(IntegrityAlgorithm.SHA512, "ibank", 6);
    List<AuditRecord> finalverse = chain(IntegrityAlgorithm.SHA384, "finalverse", 2);
    for (int i = 0; i < 4; i++) {
      read(context, processor, "palm.ibank.audit", 10 + i, ibank.get(i));
    }
    for (int i = 0; i < 2; i++) {
      read(context, processor, "palm.finalverse.audit", i, finalverse.get(i));
    }

    long now = T0.toEpochMilli();
    scheduled.getPunctuator().punctuate(now);

    assertThat(context.forwarded()).hasSize(1); // finalverse has auto_checkpoint off
    var forwarded = context.forwarded().get(0);
    assertThat(forwarded.childName()).contains("checkpoints");
    assertThat(forwarded.record().key()).isEqualTo("ibank");
    assertThat(forwarded.record().timestamp()).isEqualTo(now);
    Checkpoint first = (Checkpoint) forwarded.record().value();
    assertThat(first.getCheckpointId()).isZero();
    assertThat(first.getFirstSequence()).isZero();
    assertThat(first.getLastSequence()).isEqualTo(3);
    assertThat(first.getHeadHash()).isEqualTo(ibank.get(3).getHash());
    assertThat(first.getMerkleRoot())
        .isEqualTo(
            MerkleTree.root(
                IntegrityAlgorithm.SHA512,
                ibank.subList(0, 4).stream().map(AuditRecord::getHash).toList()));
    assertThat(first.getAuditPartition()).isZero();
    assertThat(first.getFirstOffset()).isEqualTo(10);
    assertThat(first.getEndOffset()).isEqualTo(14);
    assertThat(first.getForeignRecords()).isEmpty();
    assertThat(first.getPackVersion()).isEqualTo("1.0.0");
    assertThat(first.getStateSummary()).containsExactly(new AuditDetail("pending_approvals", "5"));
    assertThat(first.getCreatedAt()).isEqualTo(T0);

    // Not due again before the interval.
    context.resetForwards();
    scheduled.getPunctuator().punctuate(now + 59_999);
    assertThat(context.forwarded()).isEmpty();
    read(context, processor, "palm.ibank.audit", 14, ibank.get(4));
    read(context, processor, "palm.ibank.audit", 16, ibank.get(5)); // 15: a transaction marker
    scheduled.getPunctuator().punctuate(now + 60_000);
    assertThat(context.forwarded()).hasSize(1);
    Checkpoint second = (Checkpoint) context.forwarded().get(0).record().value();
    assertThat(second.getCheckpointId()).isEqualTo(1);
    assertThat(second.getFirstSequence()).isEqualTo(4);
    assertThat(second.getLastSequence()).isEqualTo(5);
    assertThat(second.getPrevSignature()).isEqualTo(first.getSignature());
    assertThat(second.getFirstOffset()).isEqualTo(14);
    assertThat(second.getEndOffset()).isEqualTo(17);

    // An idle pack still gets a checkpoint every interval: an empty range re-signing the head.
    context.resetForwards();
    scheduled.getPunctuator().punctuate(now + 120_000);
    assertThat(context.forwarded()).hasSize(1);
    Checkpoint idle = (Checkpoint) context.forwarded().get(0).record().value();
    assertThat(idle.getCheckpointId()).isEqualTo(2);
    assertThat(idle.getFirstSequence()).isEqualTo(6);
    assertThat(idle.getLastSequence()).isEqualTo(5);
    assertThat(idle.getHeadHash()).isEqualTo(ibank.get(5).getHash());
    assertThat(idle.getMerkleRoot())
        .isEqualTo(Digests.hexDigest(IntegrityAlgorithm.SHA512, new byte[0]));
    assertThat(idle.getFirstOffset()).isEqualTo(17);
    assertThat(idle.getEndOffset()).isEqualTo(17);
    assertThat(idle.getCreatedAt()).isEqualTo(T0.plusSeconds(120));

    CheckpointVerifier verifier = CheckpointVerifier.trusting(List.of(SIGNER.publicKey()));
    verifier.acceptCheckpoint(first);
    verifier.acceptCheckpoint(second);
    verifier.acceptCheckpoint(idle);
    ibank.forEach(verifier::acceptRecord);
    CheckpointVerification result = verifier.recordsReadToEnd().result();
    assertThat(result.valid()).as(result.message()).isTrue();
    assertThat(result.rangesMatched()).isEqualTo(3);
  }

  @Test
  void recordsThePipelineDidNotSealAreListedAsForeignAndDeadLettered() {
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    KeyValueStore<String, CheckpointWindow> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("windows"), Serdes.String(), CheckpointWindow.serde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    AuditWatchProcessor processor = watcher(List.of(IBANK), StateSummarySource.none());
    processor.init(context);
    context.setCurrentSystemTimeMs(T0.toEpochMilli());

    List<AuditRecord> ibank = chain(IntegrityAlgorithm.SHA512, "ibank", 4);
    read(context, processor, "palm.ibank.audit", 0, ibank.get(0));
    read(context, processor, "palm.ibank.audit", 1, ibank.get(1));
    // the attacker's perfect forgery: the next sequence, the right prev_hash, a correct hash
    AuditRecord forged = AuditRecord.newBuilder(ibank.get(2)).build();
    byte[] forgedBytes = AUDIT.serializer().serialize("palm.ibank.audit", forged);
    context.setRecordMetadata("palm.ibank.audit", 0, 2);
    processor.process(new Record<>("ibank".getBytes(), forgedBytes, 0L));
    // a sealed record whose bytes were changed after sealing
    byte[] genuine = AUDIT.serializer().serialize("palm.ibank.audit", ibank.get(2));
    byte[] altered = genuine.clone();
    altered[altered.length - 1] ^= 1;
    context.setRecordMetadata("palm.ibank.audit", 0, 3);
    processor.process(
        new Record<>(
            "ibank".getBytes(),
            altered,
            0L,
            new RecordHeaders().add(RecordSeal.HEADER, SEAL.seal(genuine))));
    // the genuine record 2, then a sealed copy of record 1 appended again
    read(context, processor, "palm.ibank.audit", 4, ibank.get(2));
    read(context, processor, "palm.ibank.audit", 5, ibank.get(1));

    assertThat(context.forwarded())
        .filteredOn(f -> f.childName().orElse("").equals("dlq"))
        .hasSize(3);

    context.resetForwards();
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.toEpochMilli());
    Checkpoint checkpoint = (Checkpoint) context.forwarded().get(0).record().value();
    assertThat(checkpoint.getFirstSequence()).isZero();
    assertThat(checkpoint.getLastSequence()).isEqualTo(2);
    assertThat(checkpoint.getHeadHash()).isEqualTo(ibank.get(2).getHash());
    assertThat(checkpoint.getFirstOffset()).isZero();
    assertThat(checkpoint.getEndOffset()).isEqualTo(6);
    assertThat(checkpoint.getForeignRecords())
        .extracting(ForeignRecord::getOffset)
        .containsExactly(2L, 3L, 5L);
    assertThat(checkpoint.getForeignRecords().get(0).getReason()).contains("no pipeline seal");
    assertThat(checkpoint.getForeignRecords().get(0).getValueDigest())
        .isEqualTo(Digests.hexDigest(IntegrityAlgorithm.SHA256, forgedBytes));
    assertThat(checkpoint.getForeignRecords().get(1).getReason()).contains("seal does not match");
    assertThat(checkpoint.getForeignRecords().get(2).getReason()).contains("copy of sequence 1");
  }

  @Test
  void aFloodOfForeignRecordsIsCheckpointedInBoundedPieces() {
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    KeyValueStore<String, CheckpointWindow> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("windows"), Serdes.String(), CheckpointWindow.serde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    AuditWatchProcessor processor = watcher(List.of(IBANK), StateSummarySource.none());
    processor.init(context);
    context.setCurrentSystemTimeMs(T0.toEpochMilli());

    int flood = CheckpointTracker.MAX_FOREIGN_PER_CHECKPOINT + 5;
    for (int offset = 0; offset < flood; offset++) {
      context.setRecordMetadata("palm.ibank.audit", 0, offset);
      processor.process(new Record<>("ibank".getBytes(), new byte[] {1, 2, (byte) offset}, 0L));
    }
    List<Checkpoint> checkpoints =
        context.forwarded().stream()
            .filter(f -> f.childName().orElse("").equals("checkpoints"))
            .map(f -> (Checkpoint) f.record().value())
            .toList();
    assertThat(checkpoints).hasSize(1);
    Checkpoint full = checkpoints.get(0);
    assertThat(full.getForeignRecords()).hasSize(CheckpointTracker.MAX_FOREIGN_PER_CHECKPOINT);
    // nothing of the chain was read: an empty range at the genesis head
    assertThat(full.getFirstSequence()).isZero();
    assertThat(full.getLastSequence()).isEqualTo(-1);
    assertThat(full.getHeadHash()).isEqualTo(Digests.genesisHash(IntegrityAlgorithm.SHA512));
    assertThat(full.getEndOffset()).isEqualTo(CheckpointTracker.MAX_FOREIGN_PER_CHECKPOINT);
    assertThat(store.get("ibank").offsets().foreign()).hasSize(5);
  }

  @Test
  void recordsMissingFromTheTopicEndTheWindowSoTheCheckpointChainShowsTheJump() {
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    KeyValueStore<String, CheckpointWindow> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("windows"), Serdes.String(), CheckpointWindow.serde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    AuditWatchProcessor processor = watcher(List.of(IBANK), StateSummarySource.none());
    processor.init(context);
    context.setCurrentSystemTimeMs(T0.toEpochMilli());
    List<AuditRecord> ibank = chain(IntegrityAlgorithm.SHA512, "ibank", 5);
    read(context, processor, "palm.ibank.audit", 0, ibank.get(0));
    read(context, processor, "palm.ibank.audit", 1, ibank.get(1));
    read(context, processor, "palm.ibank.audit", 2, ibank.get(4)); // 2 and 3 were deleted

    List<Checkpoint> checkpoints =
        context.forwarded().stream()
            .filter(f -> f.childName().orElse("").equals("checkpoints"))
            .map(f -> (Checkpoint) f.record().value())
            .toList();
    assertThat(checkpoints).hasSize(1);
    assertThat(checkpoints.get(0).getLastSequence()).isEqualTo(1);
    assertThat(checkpoints.get(0).getEndOffset()).isEqualTo(2);
    CheckpointWindow window = store.get("ibank");
    assertThat(window.firstSequence()).isEqualTo(4);
    assertThat(window.lastSequence()).isEqualTo(4);
    assertThat(window.offsets().firstOffset()).isEqualTo(2);
  }

  @Test
  void topologyEmitsOffsetBoundCheckpointsOnTheWallClock() {
    Topology topology = new Topology();
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();
    topology.addSource("audit", bytes, bytes, "palm.ibank.audit", "palm.mapleverse.audit");
    topology.addProcessor(
        "watch", () -> watcher(List.of(IBANK, MAPLEVERSE), StateSummarySource.none()), "audit");
    topology.addStateStore(CheckpointWindow.storeBuilder("windows"), "watch");
    topology.addSink(
        "checkpoints",
        (key, value, ctx) -> "palm." + key + ".checkpoints",
        Serdes.String().serializer(),
        new AvroBinarySerde<>(Checkpoint.class).serializer(),
        "watch");
    topology.addSink("dlq", "palm.dlq", "watch");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "checkpoint-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);

    List<AuditRecord> ibank = chain(IntegrityAlgorithm.SHA512, "ibank", 8);
    List<AuditRecord> mapleverse = chain(IntegrityAlgorithm.SHA256, "mapleverse", 5);
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, T0)) {
      Map<String, TestInputTopic<byte[], byte[]>> in =
          Map.of(
              "ibank",
              driver.createInputTopic(
                  "palm.ibank.audit", new ByteArraySerializer(), new ByteArraySerializer()),
              "mapleverse",
              driver.createInputTopic(
                  "palm.mapleverse.audit", new ByteArraySerializer(), new ByteArraySerializer()));
      TestOutputTopic<String, Checkpoint> ibankOut =
          driver.createOutputTopic(
              "palm.ibank.checkpoints",
              Serdes.String().deserializer(),
              new AvroBinarySerde<>(Checkpoint.class).deserializer());
      TestOutputTopic<String, Checkpoint> mapleOut =
          driver.createOutputTopic(
              "palm.mapleverse.checkpoints",
              Serdes.String().deserializer(),
              new AvroBinarySerde<>(Checkpoint.class).deserializer());

      ibank.subList(0, 5).forEach(r -> in.get("ibank").pipeInput(sealed(r)));
      mapleverse.subList(0, 3).forEach(r -> in.get("mapleverse").pipeInput(sealed(r)));
      driver.advanceWallClockTime(Duration.ofSeconds(60));
      ibank.subList(5, 8).forEach(r -> in.get("ibank").pipeInput(sealed(r)));
      mapleverse.subList(3, 5).forEach(r -> in.get("mapleverse").pipeInput(sealed(r)));
      for (int minute = 2; minute <= 6; minute++) {
        driver.advanceWallClockTime(Duration.ofSeconds(60));
      }

      List<Checkpoint> ibankCheckpoints = ibankOut.readValuesToList();
      List<Checkpoint> mapleCheckpoints = mapleOut.readValuesToList();
      // ibank every minute (idle ones included), mapleverse every five
      assertThat(ibankCheckpoints).extracting(Checkpoint::getLastSequence).startsWith(4L, 7L, 7L);
      assertThat(ibankCheckpoints).extracting(Checkpoint::getEndOffset).startsWith(5L, 8L, 8L);
      assertThat(mapleCheckpoints).extracting(Checkpoint::getLastSequence).containsExactly(2L, 4L);
      assertThat(mapleCheckpoints.get(1).getCreatedAt())
          .isEqualTo(mapleCheckpoints.get(0).getCreatedAt().plusSeconds(300));

      assertThat(verify(ibankCheckpoints, ibank).valid()).isTrue();
      assertThat(verify(mapleCheckpoints, mapleverse).rangesMatched()).isEqualTo(2);
    }
  }

  private static TestRecord<byte[], byte[]> sealed(AuditRecord record) {
    byte[] value = AUDIT.serializer().serialize("audit", record);
    return new TestRecord<>(
        record.getPack().getBytes(),
        value,
        new RecordHeaders().add(RecordSeal.HEADER, SEAL.seal(value)));
  }

  private static void read(
      MockProcessorContext<Object, Object> context,
      AuditWatchProcessor processor,
      String topic,
      long offset,
      AuditRecord record) {
    context.setRecordMetadata(topic, 0, offset);
    TestRecord<byte[], byte[]> sealed = sealed(record);
    processor.process(new Record<>(sealed.key(), sealed.value(), 0L, sealed.headers()));
  }

  private static CheckpointVerification verify(
      List<Checkpoint> checkpoints, List<AuditRecord> records) {
    CheckpointVerifier verifier = CheckpointVerifier.trusting(List.of(SIGNER.publicKey()));
    checkpoints.forEach(verifier::acceptCheckpoint);
    records.forEach(verifier::acceptRecord);
    CheckpointVerification result = verifier.recordsReadToEnd().result();
    assertThat(result.valid()).as(result.message()).isTrue();
    return result;
  }

  @Test
  void scheduleComesFromThePackAndRejectsUnusableSettings() {
    CheckpointSchedule ibank = CheckpointSchedule.of(IBankPack.ibank());
    assertThat(ibank.pack()).isEqualTo("ibank");
    assertThat(ibank.algorithm()).isEqualTo(IntegrityAlgorithm.SHA512);
    assertThat(ibank.autoCheckpoint()).isTrue();
    assertThat(ibank.interval()).isEqualTo(Duration.ofSeconds(300));

    PlatformPackConfig config = PlatformPackConfig.of(IBankPack.ibank());
    PlatformPackConfig blake =
        config.toBuilder()
            .state(
                config.state().toBuilder()
                    .serialization(
                        config.state().serialization().toBuilder()
                            .integrityAlgorithm(IntegrityAlgorithm.BLAKE3)
                            .build())
                    .build())
            .build();
    assertThatThrownBy(() -> CheckpointSchedule.of(blake.toPack()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("pack 'ibank'")
        .hasMessageContaining("set it to sha256, sha384 or sha512");

    assertThat(CheckpointSchedule.tick(List.of(MAPLEVERSE, IBANK, MANUAL)))
        .contains(Duration.ofSeconds(60));
    assertThat(CheckpointSchedule.tick(List.of(MANUAL))).isEmpty();
    assertThatThrownBy(
            () -> new CheckpointSchedule("p", "1", IntegrityAlgorithm.SHA256, true, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval_secs");
    assertThatThrownBy(
            () ->
                new CheckpointSchedule(
                    "p", "1", IntegrityAlgorithm.BLAKE3, true, Duration.ofSeconds(1)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("'p'");
  }

  @Test
  void afterAnUpgradeTheUnsealedRecordsOfTheOldVersionAreNeitherForeignNorCountedTwice() {
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    KeyValueStore<String, CheckpointWindow> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("windows"), Serdes.String(), CheckpointWindow.serde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    List<AuditRecord> ibank = chain(IntegrityAlgorithm.SHA512, "ibank", 5);
    // the window the old version left: records 0..2 appended, no offsets bound
    CheckpointWindow old =
        CheckpointWindow.starting(
            0,
            Digests.genesisHash(IntegrityAlgorithm.SHA512),
            new dev.palm.audit.MerkleFrontier(IntegrityAlgorithm.SHA512));
    dev.palm.audit.MerkleFrontier frontier =
        new dev.palm.audit.MerkleFrontier(IntegrityAlgorithm.SHA512);
    for (int i = 0; i < 3; i++) {
      frontier.add(ibank.get(i).getHash());
      old = old.withRecord(i, ibank.get(i).getHash(), frontier);
    }
    store.put("ibank", old);
    AuditWatchProcessor processor = watcher(List.of(IBANK), StateSummarySource.none());
    processor.init(context);
    context.setCurrentSystemTimeMs(T0.toEpochMilli());

    for (int i = 0; i < 3; i++) { // read again from the start of the topic, without seals
      context.setRecordMetadata("palm.ibank.audit", 0, i);
      processor.process(
          new Record<>(
              "ibank".getBytes(),
              AUDIT.serializer().serialize("palm.ibank.audit", ibank.get(i)),
              0L));
    }
    read(context, processor, "palm.ibank.audit", 3, ibank.get(3)); // the new version's, sealed
    context.setRecordMetadata("palm.ibank.audit", 0, 4);
    processor.process(
        new Record<>(
            "ibank".getBytes(),
            AUDIT.serializer().serialize("palm.ibank.audit", ibank.get(4)),
            0L)); // unsealed after the old version's last record: foreign

    assertThat(context.forwarded())
        .filteredOn(f -> f.childName().orElse("").equals("dlq"))
        .hasSize(1);
    CheckpointWindow window = store.get("ibank");
    assertThat(window.lastSequence()).isEqualTo(3);
    assertThat(window.offsets().foreign()).extracting(ForeignRecord::getOffset).containsExactly(4L);
  }

  @Test
  void windowsWrittenBeforeOffsetsWereBoundStillRead() throws java.io.IOException {
    dev.palm.audit.MerkleFrontier frontier =
        new dev.palm.audit.MerkleFrontier(IntegrityAlgorithm.SHA256);
    frontier.add(chain(IntegrityAlgorithm.SHA256, "mapleverse", 1).get(0).getHash());
    byte[] frontierBytes = frontier.toBytes();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeByte(1); // the layout before offsets were bound
      out.writeLong(3);
      out.writeBoolean(true);
      out.writeUTF("sig");
      out.writeLong(1234);
      out.writeLong(7);
      out.writeLong(7);
      out.writeUTF("ab");
      out.writeInt(frontierBytes.length);
      out.write(frontierBytes);
    }
    CheckpointWindow v1 = CheckpointWindow.fromBytes(bytes.toByteArray());
    assertThat(v1.nextCheckpointId()).isEqualTo(3);
    assertThat(v1.lastSequence()).isEqualTo(7);
    assertThat(v1.frontier().size()).isEqualTo(1);
    assertThat(v1.offsets().known()).isFalse();
    CheckpointWindow reread = CheckpointWindow.fromBytes(v1.reading(0, 40).toBytes());
    assertThat(reread.offsets().firstOffset()).isEqualTo(40);
    assertThat(reread.offsets().endOffset()).isEqualTo(41);
  }
}
