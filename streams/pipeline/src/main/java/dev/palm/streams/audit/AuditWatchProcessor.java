package dev.palm.streams.audit;

import dev.palm.audit.CheckpointSigner;
import dev.palm.audit.Digests;
import dev.palm.audit.RecordSeal;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.streams.dlq.DeadLetters;
import dev.palm.streams.dlq.OutageException;
import dev.palm.streams.dlq.Outages;
import dev.palm.streams.dlq.RawInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's watch over its own audit topics, and the maker of the packs' signed checkpoints.
 * It reads every pack's {@code palm.<pack>.audit} back (committed records only) and sorts each
 * record by its {@link RecordSeal}: a record the pipeline sealed joins the pack's checkpoint window
 * with its offset; anything else (no seal, a wrong seal, a sealed copy of a sequence already read)
 * is <em>foreign</em>: it is logged as an alert, copied to the dead-letter topic with the reason,
 * recorded as a {@code FOREIGN_RECORD} event in the pack's own chain (by the policy, once), and
 * listed by offset in the next checkpoint, so verifiers exclude it and report it
 * (docs/audit-format.md §6.2). Every {@code interval_secs} each pack gets a checkpoint, an idle
 * pack an empty one, so any record appended to an audit topic is accounted for by a signed
 * checkpoint within one interval.
 *
 * <p>It sits in the policy's sub-topology (it reads the policy stores for the state summary), so
 * its window store, its read position and its checkpoints commit together under exactly-once.
 */
public final class AuditWatchProcessor implements Processor<byte[], byte[], Object, Object> {

  private static final Logger LOG = LoggerFactory.getLogger(AuditWatchProcessor.class);

  private final Map<String, CheckpointSchedule> schedulesByTopic;
  private final CheckpointSigner signer;
  private final Deserializer<AuditRecord> deserializer;
  private final StateSummarySource summary;
  private final String storeName;
  private final String checkpointsSink;
  private final String deadLetterSink;
  private final int inputPartitions;
  private final ForeignRecordListener events;
  private ProcessorContext<Object, Object> context;
  private CheckpointTracker tracker;
  private RecordSeal seal;

  /**
   * A watcher of the given packs' audit topics.
   *
   * @param schedulesByTopic each pack's checkpoint schedule by the name of its audit topic
   * @param deserializer decodes audit records (a fresh one per task)
   * @param wiring the store and sink names and the input partition count (to tell which packs'
   *     state this task holds)
   * @param events told of each foreign record (the pipeline records a {@code FOREIGN_RECORD} event
   *     in the pack's chain for it)
   */
  public AuditWatchProcessor(
      Map<String, CheckpointSchedule> schedulesByTopic,
      CheckpointSigner signer,
      Deserializer<AuditRecord> deserializer,
      StateSummarySource summary,
      Wiring wiring,
      ForeignRecordListener events) {
    this.schedulesByTopic = Map.copyOf(schedulesByTopic);
    this.signer = Objects.requireNonNull(signer, "signer");
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    this.summary = Objects.requireNonNull(summary, "summary");
    this.storeName = wiring.store();
    this.checkpointsSink = wiring.checkpointsSink();
    this.deadLetterSink = wiring.deadLetterSink();
    this.inputPartitions = wiring.inputPartitions();
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Names the watcher's neighbours in the topology.
   *
   * @param store the checkpoint window store
   * @param checkpointsSink the sink of the checkpoint topics
   * @param deadLetterSink the sink of the dead-letter topic
   * @param inputPartitions partitions of the input topics (which task owns which pack's state)
   */
  public record Wiring(
      String store, String checkpointsSink, String deadLetterSink, int inputPartitions) {
    public Wiring {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(checkpointsSink, "checkpointsSink");
      Objects.requireNonNull(deadLetterSink, "deadLetterSink");
      if (inputPartitions < 1) {
        throw new IllegalArgumentException("inputPartitions must be >= 1, got " + inputPartitions);
      }
    }
  }

  /** The schedules keyed by audit topic, from the schedules and a pack → topic name function. */
  public static Map<String, CheckpointSchedule> byTopic(
      List<CheckpointSchedule> schedules, Function<String, String> auditTopic) {
    return schedules.stream()
        .collect(Collectors.toUnmodifiableMap(s -> auditTopic.apply(s.pack()), s -> s));
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    KeyValueStore<String, CheckpointWindow> store = context.getStateStore(storeName);
    tracker = new CheckpointTracker(store, signer);
    seal = signer.recordSeal();
    summary.init(context);
    List<CheckpointSchedule> schedules = List.copyOf(schedulesByTopic.values());
    CheckpointPunctuator punctuator =
        new CheckpointPunctuator(
            schedules, tracker, this::summaryOf, (pack, checkpoint, ts) -> emit(checkpoint, ts));
    CheckpointSchedule.tick(schedules)
        .ifPresent(tick -> context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, punctuator));
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata meta =
        context
            .recordMetadata()
            .orElseThrow(() -> new IllegalStateException("audit records always have a topic"));
    CheckpointSchedule schedule = schedulesByTopic.get(meta.topic());
    if (schedule == null) {
      throw new IllegalStateException("no pack reads audit topic " + meta.topic());
    }
    byte[] value = record.value();
    if (!owns(schedule.pack())) {
      // the pack's chain is written to (and checkpointed from) the partition of the task that owns
      // it: whatever is in another partition of its audit topic was written by someone else
      alert(schedule, meta, record, "not in the partition that holds the pack's chain");
      return;
    }
    Header sealHeader = record.headers().lastHeader(RecordSeal.HEADER);
    if (sealHeader == null) {
      if (writtenBeforeSeals(schedule, meta, value)) {
        return;
      }
      foreign(schedule, meta, record, "no pipeline seal (written by another producer)");
      return;
    }
    if (!seal.verifies(value, sealHeader.value())) {
      foreign(schedule, meta, record, "its seal does not match its bytes");
      return;
    }
    AuditRecord decoded;
    try {
      decoded = decode(meta, value);
    } catch (OutageException e) {
      throw e;
    } catch (RuntimeException e) {
      foreign(schedule, meta, record, "sealed but undecodable: " + e.getMessage());
      return;
    }
    if (decoded == null || !schedule.pack().equals(decoded.getPack())) {
      foreign(schedule, meta, record, "sealed record of another pack");
      return;
    }
    CheckpointTracker.Reception reception =
        tracker.onOwnRecord(decoded, meta.partition(), meta.offset());
    if (reception == CheckpointTracker.Reception.CHECKPOINT_FIRST) {
      LOG.error(
          "Audit records of pack '{}' before sequence {} are not in {}-{} (deleted before they were"
              + " read back); the checkpoint chain records the jump",
          schedule.pack(),
          decoded.getSequence(),
          meta.topic(),
          meta.partition());
      checkpointNow(schedule);
      reception = tracker.onOwnRecord(decoded, meta.partition(), meta.offset());
    }
    if (reception == CheckpointTracker.Reception.REPEATED) {
      foreign(
          schedule,
          meta,
          record,
          "a copy of sequence " + decoded.getSequence() + ", which was read before");
    }
  }

  /**
   * Whether an unsealed record is one the pipeline wrote before it sealed its records: after an
   * upgrade, the window restored from a version that bound no offsets already holds every record
   * that version appended (up to its {@code lastSequence}), and the watcher reads those again from
   * the start of the topic. They were covered by that version's checkpoints; they are neither
   * foreign nor counted twice.
   */
  private boolean writtenBeforeSeals(
      CheckpointSchedule schedule, RecordMetadata meta, byte[] value) {
    CheckpointWindow window = tracker.window(schedule.pack()).orElse(null);
    if (window == null || window.offsets().known() || value == null) {
      return false;
    }
    try {
      AuditRecord decoded = decode(meta, value);
      return decoded != null
          && schedule.pack().equals(decoded.getPack())
          && decoded.getSequence() <= window.lastSequence();
    } catch (OutageException e) {
      throw e;
    } catch (RuntimeException e) {
      return false; // not even an audit record: foreign
    }
  }

  /**
   * Decodes a record read back, waiting out a registry outage (an {@link OutageException} when it
   * lasts); any other failure means the bytes are no audit record.
   */
  private AuditRecord decode(RecordMetadata meta, byte[] value) {
    return Outages.retrying(
        context,
        () -> "reading back " + meta.topic() + "-" + meta.partition() + "@" + meta.offset(),
        () -> deserializer.deserialize(meta.topic(), value));
  }

  private void foreign(
      CheckpointSchedule schedule,
      RecordMetadata meta,
      Record<byte[], byte[]> record,
      String reason) {
    String digest = alert(schedule, meta, record, reason);
    events.foreign(schedule.pack(), meta.topic(), meta.partition(), meta.offset(), digest, reason);
    if (tracker.onForeign(schedule, meta.partition(), meta.offset(), digest, reason)) {
      checkpointNow(schedule);
    }
  }

  /** Logs and dead-letters a foreign record; returns the SHA-256 of its value. */
  private String alert(
      CheckpointSchedule schedule,
      RecordMetadata meta,
      Record<byte[], byte[]> record,
      String reason) {
    String digest =
        Digests.hexDigest(
            IntegrityAlgorithm.SHA256, record.value() == null ? new byte[0] : record.value());
    LOG.error(
        "ALERT foreign record in {}-{} at offset {}: {} (value sha256 {}); it is excluded from the"
            + " chain of pack '{}' and listed in its next checkpoint",
        meta.topic(),
        meta.partition(),
        meta.offset(),
        reason,
        digest,
        schedule.pack());
    RawInput raw =
        new RawInput(
            meta.topic(),
            meta.partition(),
            meta.offset(),
            record.key(),
            record.value(),
            record.headers());
    context.forward(
        DeadLetters.of(
            raw,
            "foreign record in the audit topic of pack '" + schedule.pack() + "': " + reason,
            null,
            context.currentSystemTimeMs()),
        deadLetterSink);
    return digest;
  }

  private void checkpointNow(CheckpointSchedule schedule) {
    long now = context.currentSystemTimeMs();
    tracker
        .checkpoint(schedule, Instant.ofEpochMilli(now), summaryOf(schedule.pack()))
        .ifPresent(checkpoint -> emit(checkpoint, now));
  }

  /** The state summary of a pack this task owns, else none. */
  private List<dev.palm.events.AuditDetail> summaryOf(String pack) {
    return owns(pack) ? summary.summarize(pack) : List.of();
  }

  /**
   * Whether this task owns the pack (as the policy decides it), so reads its chain's partition:
   * PalmService requires audit topics to have as many partitions as the inputs.
   */
  private boolean owns(String pack) {
    int owner =
        Utils.toPositive(Utils.murmur2(pack.getBytes(StandardCharsets.UTF_8))) % inputPartitions;
    return owner == context.taskId().partition();
  }

  private void emit(Checkpoint checkpoint, long timestamp) {
    try {
      context.forward(new Record<>(checkpoint.getPack(), checkpoint, timestamp), checkpointsSink);
    } catch (RuntimeException e) {
      // the window store already moved on: never skip the checkpoint, replay the task instead
      throw Outages.giveUp(
          context, () -> "writing a checkpoint of pack " + checkpoint.getPack(), e);
    }
  }

  @Override
  public void close() {
    deserializer.close();
  }
}
