package dev.palm.streams;

import dev.palm.audit.CheckpointSigner;
import dev.palm.audit.Keyring;
import dev.palm.audit.RecordSeal;
import dev.palm.events.ApprovalRequest;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationOutcome;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.events.StandingApproval;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.audit.AuditWatchProcessor;
import dev.palm.streams.audit.CheckpointSchedule;
import dev.palm.streams.audit.CheckpointWindow;
import dev.palm.streams.dlq.DecodingProcessor;
import dev.palm.streams.policy.EventSerdes;
import dev.palm.streams.policy.PackRuntime;
import dev.palm.streams.policy.PolicyInput;
import dev.palm.streams.policy.PolicyOptions;
import dev.palm.streams.policy.PolicyProcessor;
import dev.palm.streams.policy.PolicyStateSummary;
import dev.palm.streams.policy.PolicyStores;
import dev.palm.streams.policy.SinkEncoder;
import dev.palm.streams.policy.SystemEvent;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds PALM's policy topology (docs/architecture.md §4, §5) as a pure function of the packs, the
 * topic layout and the serdes: no environment, no I/O, so it runs the same in {@code
 * TopologyTestDriver} and in the service.
 *
 * <p>Shape: the four input topics ({@code operations}, {@code approvals.responses}, {@code
 * holds.releases}, {@code outcomes}) are read as bytes and decoded by {@link DecodingProcessor}s
 * (undecodable records go to the dead-letter topic); decoded inputs keyed by pack go to the single
 * {@link PolicyProcessor}, which owns the RocksDB stores of {@link PolicyStores} and writes to each
 * pack's decisions, approvals and audit topics (and, with a checkpoint signer in the options, feeds
 * the {@link CheckpointProcessor} that writes the checkpoints topics). Because inputs are keyed by
 * pack, all of a pack's records land in one task (given equal partition counts of the input
 * topics), so each pack's limits are exact and its audit chain is one gapless sequence.
 */
public final class PalmTopology {

  /** Source node of {@code <prefix>.operations}. */
  public static final String OPERATIONS_SOURCE = "palm-operations-source";

  /** Source node of {@code <prefix>.approvals.responses}. */
  public static final String RESPONSES_SOURCE = "palm-approval-responses-source";

  /** Source node of {@code <prefix>.holds.releases}. */
  public static final String RELEASES_SOURCE = "palm-hold-releases-source";

  /** Source node of the standing approvals topic. */
  public static final String GRANTS_SOURCE = "palm-approval-grants-source";

  /** Source node of {@code <prefix>.outcomes}. */
  public static final String OUTCOMES_SOURCE = "palm-outcomes-source";

  /** The policy processor node (owner of the policy stores). */
  public static final String POLICY = "palm-policy";

  /** Sink node of the dead-letter topic. */
  public static final String DLQ_SINK = "palm-dlq-sink";

  /**
   * The audit watcher that makes the checkpoints (present when checkpoints are enabled), reading
   * {@link #AUDIT_SOURCE}.
   */
  public static final String CHECKPOINTS = "palm-checkpoints";

  /** Source node of the packs' audit topics, which the audit watcher reads back. */
  public static final String AUDIT_SOURCE = "palm-audit-source";

  /** Store of the audit watcher's checkpoint windows, keyed by pack. */
  public static final String CHECKPOINT_WINDOWS = "palm-audit-checkpoint-windows";

  /** Sink node of the packs' checkpoint topics (topic chosen by the record's pack key). */
  public static final String CHECKPOINTS_SINK = "palm-checkpoints-sink";

  private PalmTopology() {}

  /**
   * The topology with production serdes from a registry serde configuration (see {@link
   * PalmSerdes}).
   */
  public static Topology build(
      List<PlatformPack> packs, TopicLayout topics, Map<String, ?> serdeConfig) {
    return build(packs, topics, PalmSerdes.fromConfig(serdeConfig));
  }

  /**
   * The topology with production serdes (schema registry, Confluent wire format) and default
   * options.
   */
  public static Topology build(List<PlatformPack> packs, TopicLayout topics, PalmSerdes serdes) {
    return build(packs, topics, serdes::valueSerde, PolicyOptions.defaults());
  }

  /**
   * The topology with production serdes and {@code options}, e.g. {@code
   * PolicyOptions.defaults().withCheckpoints(signer).withStartupEvents(repairs)}.
   */
  public static Topology build(
      List<PlatformPack> packs, TopicLayout topics, PalmSerdes serdes, PolicyOptions options) {
    return build(packs, topics, serdes::valueSerde, options);
  }

  /** The topology with the given value serdes and one-second timers. */
  public static Topology build(List<PlatformPack> packs, TopicLayout topics, EventSerdes serdes) {
    return build(packs, topics, serdes, PolicyOptions.defaults());
  }

  /**
   * The topology.
   *
   * @param packs the loaded packs; names must be unique and their integrity algorithms computable
   * @param topics topic names
   * @param serdes Avro value serdes
   * @param options timer settings
   * @throws IllegalArgumentException naming the pack, when packs are missing, duplicated or
   *     unusable
   */
  public static Topology build(
      List<PlatformPack> packs, TopicLayout topics, EventSerdes serdes, PolicyOptions options) {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(serdes, "serdes");
    Objects.requireNonNull(options, "options");
    Map<String, PackRuntime> runtimes = runtimes(packs, options.keyring());

    Topology topology = new Topology();
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();
    topology.addSource(OPERATIONS_SOURCE, bytes, bytes, topics.operations().name());
    topology.addSource(RESPONSES_SOURCE, bytes, bytes, topics.approvalResponses().name());
    topology.addSource(RELEASES_SOURCE, bytes, bytes, topics.holdReleases().name());
    topology.addSource(GRANTS_SOURCE, bytes, bytes, topics.approvalGrants().name());
    topology.addSource(OUTCOMES_SOURCE, bytes, bytes, topics.outcomes().name());

    String decodeOperations = "palm-decode-operations";
    String decodeResponses = "palm-decode-approval-responses";
    String decodeReleases = "palm-decode-hold-releases";
    String decodeOutcomes = "palm-decode-outcomes";
    String decodeGrants = "palm-decode-approval-grants";
    topology.addProcessor(
        decodeOperations,
        decoder(
            () -> serdes.valueSerde(OperationRequested.class).deserializer(),
            PolicyInput.OperationInput::new),
        OPERATIONS_SOURCE);
    topology.addProcessor(
        decodeResponses,
        decoder(
            () -> serdes.valueSerde(ApprovalResponse.class).deserializer(),
            PolicyInput.ResponseInput::new),
        RESPONSES_SOURCE);
    topology.addProcessor(
        decodeReleases,
        decoder(
            () -> serdes.valueSerde(HoldRelease.class).deserializer(),
            PolicyInput.ReleaseInput::new),
        RELEASES_SOURCE);
    topology.addProcessor(
        decodeGrants,
        decoder(
            () -> serdes.valueSerde(StandingApproval.class).deserializer(),
            PolicyInput.GrantInput::new),
        GRANTS_SOURCE);
    topology.addProcessor(
        decodeOutcomes,
        decoder(
            () -> serdes.valueSerde(OperationOutcome.class).deserializer(),
            PolicyInput.OutcomeInput::new),
        OUTCOMES_SOURCE);

    // one list of the input decoders: each feeds the policy and may write to the dead-letter topic
    List<String> decoders =
        List.of(decodeOperations, decodeResponses, decodeReleases, decodeOutcomes, decodeGrants);
    Optional<RecordSeal> seal = options.checkpointSigner().map(CheckpointSigner::recordSeal);
    topology.addProcessor(
        POLICY,
        () ->
            new PolicyProcessor(
                runtimes,
                options,
                DLQ_SINK,
                List.of(),
                () -> sinkEncoders(runtimes, topics, serdes, seal.map(RecordSeal::copy))),
        decoders.toArray(String[]::new));
    for (StoreBuilder<?> store : PolicyStores.builders()) {
      topology.addStateStore(store, POLICY);
    }
    options
        .checkpointSigner()
        .ifPresent(signer -> addCheckpoints(topology, runtimes, topics, serdes, signer, options));

    // The policy processor serializes its outputs itself (see sinkEncoders); its sinks copy bytes.
    StringSerializer keys = new StringSerializer();
    ByteArraySerializer raw = new ByteArraySerializer();
    for (PackRuntime rt : runtimes.values()) {
      String pack = rt.name();
      topology.addSink(rt.decisionsSink(), topics.decisions(pack).name(), keys, raw, POLICY);
      topology.addSink(rt.approvalsSink(), topics.approvals(pack).name(), keys, raw, POLICY);
      topology.addSink(rt.auditSink(), topics.audit(pack).name(), keys, raw, POLICY);
    }
    // every decoder dead-letters what it cannot read, and the policy what it cannot process
    List<String> deadLetterWriters = new ArrayList<>(decoders);
    deadLetterWriters.add(POLICY);
    if (options.checkpointSigner().isPresent()) {
      deadLetterWriters.add(CHECKPOINTS);
    }
    topology.addSink(
        DLQ_SINK, topics.dlq().name(), raw, raw, deadLetterWriters.toArray(String[]::new));
    return topology;
  }

  /**
   * The audit watcher, which reads the packs' audit topics back, tells the pipeline's sealed
   * records from foreign ones and makes the signed checkpoints (see {@link AuditWatchProcessor}).
   * It reads the policy stores for the state summary, which puts it in the policy's sub-topology.
   */
  private static void addCheckpoints(
      Topology topology,
      Map<String, PackRuntime> runtimes,
      TopicLayout topics,
      EventSerdes serdes,
      CheckpointSigner signer,
      PolicyOptions options) {
    List<CheckpointSchedule> schedules =
        runtimes.values().stream().map(rt -> CheckpointSchedule.of(rt.pack())).toList();
    Map<String, CheckpointSchedule> byTopic =
        AuditWatchProcessor.byTopic(schedules, pack -> topics.audit(pack).name());
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();
    topology.addSource(
        AUDIT_SOURCE, bytes, bytes, byTopic.keySet().stream().sorted().toArray(String[]::new));
    AuditWatchProcessor.Wiring wiring =
        new AuditWatchProcessor.Wiring(
            CHECKPOINT_WINDOWS, CHECKPOINTS_SINK, DLQ_SINK, options.inputPartitions());
    topology.addProcessor(
        CHECKPOINTS,
        () ->
            new AuditWatchProcessor(
                byTopic,
                signer,
                serdes.valueSerde(AuditRecord.class).deserializer(),
                new PolicyStateSummary(),
                wiring,
                (pack, topic, partition, offset, digest, reason) ->
                    options
                        .runtimeEvents()
                        .offer(
                            SystemEvent.foreignRecord(
                                pack, topic, partition, offset, digest, reason))),
        AUDIT_SOURCE);
    topology.addStateStore(CheckpointWindow.storeBuilder(CHECKPOINT_WINDOWS), CHECKPOINTS);
    topology.connectProcessorAndStateStores(
        CHECKPOINTS, PolicyStateSummary.storeNames().toArray(String[]::new));
    TopicNameExtractor<String, Checkpoint> byPack =
        (pack, checkpoint, context) -> topics.checkpoints(pack).name();
    topology.addSink(
        CHECKPOINTS_SINK,
        byPack,
        new StringSerializer(),
        serdes.valueSerde(Checkpoint.class).serializer(),
        CHECKPOINTS);
  }

  /**
   * The serializers of the policy processor's sinks, one set per task: outputs are serialized when
   * the policy queues them, before any store write of their input is applied (see {@code
   * Transaction}).
   */
  private static Map<String, SinkEncoder> sinkEncoders(
      Map<String, PackRuntime> runtimes,
      TopicLayout topics,
      EventSerdes serdes,
      Optional<RecordSeal> seal) {
    Serializer<PolicyDecision> decisions = serdes.valueSerde(PolicyDecision.class).serializer();
    Serializer<ApprovalRequest> approvals = serdes.valueSerde(ApprovalRequest.class).serializer();
    Serializer<AuditRecord> audit = serdes.valueSerde(AuditRecord.class).serializer();
    Map<String, SinkEncoder> encoders = new LinkedHashMap<>();
    for (PackRuntime rt : runtimes.values()) {
      String pack = rt.name();
      encoders.put(
          rt.decisionsSink(),
          encoder(decisions, PolicyDecision.class, topics.decisions(pack).name()));
      encoders.put(
          rt.approvalsSink(),
          encoder(approvals, ApprovalRequest.class, topics.approvals(pack).name()));
      SinkEncoder auditEncoder = encoder(audit, AuditRecord.class, topics.audit(pack).name());
      encoders.put(
          rt.auditSink(), seal.<SinkEncoder>map(s -> sealed(auditEncoder, s)).orElse(auditEncoder));
    }
    return Map.copyOf(encoders);
  }

  /** Audit records carry the pipeline's seal, by which the audit watcher knows its own. */
  private static SinkEncoder sealed(SinkEncoder encoder, RecordSeal seal) {
    return new SinkEncoder() {
      @Override
      public byte[] encode(Object value) {
        return encoder.encode(value);
      }

      @Override
      public Headers headers(byte[] encoded) {
        return new RecordHeaders().add(RecordSeal.HEADER, seal.seal(encoded));
      }
    };
  }

  private static <T> SinkEncoder encoder(Serializer<T> serializer, Class<T> type, String topic) {
    return value -> serializer.serialize(topic, type.cast(value));
  }

  private static Map<String, PackRuntime> runtimes(List<PlatformPack> packs, Keyring keyring) {
    Objects.requireNonNull(packs, "packs");
    if (packs.isEmpty()) {
      throw new IllegalArgumentException("No packs to enforce; load at least one platform pack");
    }
    Map<String, PackRuntime> runtimes = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (PlatformPack pack : packs) {
      String name = pack.metadata().name();
      if (runtimes.containsKey(name)) {
        problems.add("pack '" + name + "' is loaded twice; pack names must be unique");
        continue;
      }
      if (name.contains("/")) {
        problems.add("pack name '" + name + "' contains '/'; pack names are part of topic names");
        continue;
      }
      try {
        runtimes.put(name, PackRuntime.of(pack, keyring));
      } catch (RuntimeException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot build the policy topology: " + String.join("; ", problems));
    }
    return Map.copyOf(runtimes);
  }

  private static <T extends SpecificRecord, P>
      org.apache.kafka.streams.processor.api.ProcessorSupplier<byte[], byte[], Object, Object>
          decoder(
              Supplier<Deserializer<T>> deserializer,
              BiFunction<T, dev.palm.streams.dlq.RawInput, P> wrap) {
    // A fresh deserializer per task: registry deserializers hold clients that their task closes.
    return () -> new DecodingProcessor<>(deserializer.get(), wrap, POLICY, DLQ_SINK);
  }
}
