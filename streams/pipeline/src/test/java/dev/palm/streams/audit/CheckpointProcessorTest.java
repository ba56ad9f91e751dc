package dev.palm.streams.audit;

import static dev.palm.audit.AuditFixtures.T0;
import static dev.palm.audit.AuditFixtures.chain;
import static dev.palm.audit.AuditFixtures.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.audit.CheckpointSigner;
import dev.palm.audit.CheckpointVerification;
import dev.palm.audit.CheckpointVerifier;
import dev.palm.audit.MerkleTree;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.canonical.IBankPack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointProcessorTest {

  private static final CheckpointSigner SIGNER = CheckpointSigner.ephemeral();
  private static final CheckpointSchedule IBANK =
      new CheckpointSchedule(
          "ibank", "1.0.0", IntegrityAlgorithm.SHA512, true, Duration.ofSeconds(60));
  private static final CheckpointSchedule MAPLEVERSE =
      new CheckpointSchedule(
          "mapleverse", "0.9.0", IntegrityAlgorithm.SHA256, true, Duration.ofSeconds(300));
  private static final CheckpointSchedule MANUAL =
      new CheckpointSchedule(
          "finalverse", "2.0.0", IntegrityAlgorithm.SHA384, false, Duration.ofSeconds(1));

  @TempDir Path stateDir;

  @Test
  void punctuatorCheckpointsEachDuePackWithItsSummary() {
    MockProcessorContext<String, Checkpoint> context = new MockProcessorContext<>();
    KeyValueStore<String, CheckpointWindow> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(CheckpointProcessor.STORE),
                Serdes.String(),
                CheckpointWindow.serde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    StateSummarySource summary = pack -> List.of(detail("pending_approvals", pack.length() + ""));
    CheckpointProcessor processor =
        new CheckpointProcessor(List.of(IBANK, MANUAL), SIGNER, summary, CheckpointProcessor.STORE);
    processor.init(context);

    assertThat(context.scheduledPunctuators()).hasSize(1);
    CapturedPunctuator scheduled = context.scheduledPunctuators().get(0);
    assertThat(scheduled.getInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(scheduled.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);

    List<AuditRecord> ibank = chain(IntegrityAlgorithm.SHA512, "ibank", 6);
    List<AuditRecord> finalverse = chain(IntegrityAlgorithm.SHA384, "finalverse", 2);
    ibank.subList(0, 4).forEach(r -> processor.process(new Record<>("ibank", r, 0L)));
    finalverse.forEach(r -> processor.process(new Record<>("finalverse", r, 0L)));

    long now = T0.toEpochMilli();
    scheduled.getPunctuator().punctuate(now);

    assertThat(context.forwarded()).hasSize(1); // finalverse has auto_checkpoint off
    Record<? extends String, ? extends Checkpoint> forwarded = context.forwarded().get(0).record();
    assertThat(forwarded.key()).isEqualTo("ibank");
    assertThat(forwarded.timestamp()).isEqualTo(now);
    Checkpoint first = forwarded.value();
    assertThat(first.getCheckpointId()).isZero();
    assertThat(first.getFirstSequence()).isZero();
    assertThat(first.getLastSequence()).isEqualTo(3);
    assertThat(first.getHeadHash()).isEqualTo(ibank.get(3).getHash());
    assertThat(first.getMerkleRoot())
        .isEqualTo(
            MerkleTree.root(
                IntegrityAlgorithm.SHA512,
                ibank.subList(0, 4).stream().map(AuditRecord::getHash).toList()));
    assertThat(first.getPackVersion()).isEqualTo("1.0.0");
    assertThat(first.getStateSummary()).containsExactly(new AuditDetail("pending_approvals", "5"));
    assertThat(first.getCreatedAt()).isEqualTo(T0);

    // Not due again before the interval, and nothing for an idle pack after it.
    context.resetForwards();
    scheduled.getPunctuator().punctuate(now + 59_999);
    assertThat(context.forwarded()).isEmpty();
    ibank.subList(4, 6).forEach(r -> processor.process(new Record<>("ibank", r, 0L)));
    ibank
        .subList(2, 6)
        .forEach(r -> processor.process(new Record<>("ibank", r, 0L))); // replays are ignored
    scheduled.getPunctuator().punctuate(now + 60_000);
    assertThat(context.forwarded()).hasSize(1);
    Checkpoint second = context.forwarded().get(0).record().value();
    assertThat(second.getCheckpointId()).isEqualTo(1);
    assertThat(second.getFirstSequence()).isEqualTo(4);
    assertThat(second.getLastSequence()).isEqualTo(5);
    assertThat(second.getPrevSignature()).isEqualTo(first.getSignature());

    context.resetForwards();
    scheduled.getPunctuator().punctuate(now + 180_000);
    assertThat(context.forwarded()).isEmpty();

    CheckpointVerifier verifier = CheckpointVerifier.trusting(List.of(SIGNER.publicKey()));
    verifier.acceptCheckpoint(first);
    verifier.acceptCheckpoint(second);
    ibank.forEach(verifier::acceptRecord);
    assertThat(verifier.recordsReadToEnd().result().rangesMatched()).isEqualTo(2);
    assertThat(verifier.result().valid()).isTrue();
  }

  @Test
  void trackerRefusesASkippedSequence() {
    MockProcessorContext<String, Checkpoint> context = new MockProcessorContext<>();
    KeyValueStore<String, CheckpointWindow> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("windows"), Serdes.String(), CheckpointWindow.serde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    CheckpointTracker tracker = new CheckpointTracker(store, SIGNER);
    List<AuditRecord> records = chain(IntegrityAlgorithm.SHA256, "mapleverse", 4);

    tracker.onAppended(records.get(0));
    assertThatThrownBy(() -> tracker.onAppended(records.get(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("record 2 of pack 'mapleverse' arrived after record 0");
    assertThat(tracker.window("mapleverse").orElseThrow().lastSequence()).isZero();
  }

  @Test
  void topologyEmitsSignedCheckpointsOnTheWallClock() {
    Topology topology = new Topology();
    topology.addSource(
        "audit",
        Serdes.String().deserializer(),
        new AvroBinarySerde<>(AuditRecord.class).deserializer(),
        "audit-in");
    topology.addProcessor(
        "audit-checkpointer",
        () ->
            new CheckpointProcessor(
                List.of(IBANK, MAPLEVERSE),
                SIGNER,
                StateSummarySource.none(),
                CheckpointProcessor.STORE),
        "audit");
    topology.addStateStore(
        CheckpointProcessor.storeBuilder(CheckpointProcessor.STORE), "audit-checkpointer");
    topology.addSink(
        "checkpoints",
        (key, value, ctx) -> "palm." + key + ".checkpoints",
        Serdes.String().serializer(),
        new AvroBinarySerde<>(Checkpoint.class).serializer(),
        "audit-checkpointer");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "checkpoint-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());

    List<AuditRecord> ibank = chain(IntegrityAlgorithm.SHA512, "ibank", 8);
    List<AuditRecord> mapleverse = chain(IntegrityAlgorithm.SHA256, "mapleverse", 5);
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, T0)) {
      TestInputTopic<String, AuditRecord> in =
          driver.createInputTopic(
              "audit-in",
              Serdes.String().serializer(),
              new AvroBinarySerde<>(AuditRecord.class).serializer());
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

      ibank.subList(0, 5).forEach(r -> in.pipeInput("ibank", r));
      mapleverse.subList(0, 3).forEach(r -> in.pipeInput("mapleverse", r));
      driver.advanceWallClockTime(Duration.ofSeconds(60));
      ibank.subList(5, 8).forEach(r -> in.pipeInput("ibank", r));
      mapleverse.subList(3, 5).forEach(r -> in.pipeInput("mapleverse", r));
      for (int minute = 2; minute <= 6; minute++) {
        driver.advanceWallClockTime(Duration.ofSeconds(60));
      }

      List<Checkpoint> ibankCheckpoints = ibankOut.readValuesToList();
      List<Checkpoint> mapleCheckpoints = mapleOut.readValuesToList();
      assertThat(ibankCheckpoints).extracting(Checkpoint::getCheckpointId).containsExactly(0L, 1L);
      assertThat(ibankCheckpoints).extracting(Checkpoint::getLastSequence).containsExactly(4L, 7L);
      // mapleverse's 300-second interval: its second checkpoint waits five ticks after the first.
      assertThat(mapleCheckpoints).extracting(Checkpoint::getLastSequence).containsExactly(2L, 4L);
      assertThat(mapleCheckpoints.get(1).getCreatedAt())
          .isEqualTo(mapleCheckpoints.get(0).getCreatedAt().plusSeconds(300));

      assertThat(verify(ibankCheckpoints, ibank).rangesMatched()).isEqualTo(2);
      assertThat(verify(mapleCheckpoints, mapleverse).rangesMatched()).isEqualTo(2);
    }
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
}
