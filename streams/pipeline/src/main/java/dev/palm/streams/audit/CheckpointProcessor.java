package dev.palm.streams.audit;

import dev.palm.audit.AuditChain;
import dev.palm.audit.CheckpointSigner;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.streams.dlq.Outages;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Processor that makes each pack's signed checkpoints: it receives every appended {@link
 * AuditRecord} (key = pack), keeps the records since the last checkpoint as a Merkle frontier in
 * its store, and every {@code interval_secs} (wall clock) forwards a {@link Checkpoint} keyed by
 * pack.
 *
 * <p>Wiring in {@code PalmTopology} (the store must be in the same sub-topology as the processor
 * that appends audit records, so checkpoints commit with them under exactly-once):
 *
 * <pre>{@code
 * topology.addProcessor("audit-checkpointer",
 *         () -> new CheckpointProcessor(schedules, signer, summarySource, CheckpointProcessor.STORE),
 *         "policy");                                   // the processor that forwards appended AuditRecords
 * topology.addStateStore(CheckpointProcessor.storeBuilder(CheckpointProcessor.STORE), "audit-checkpointer");
 * topology.addSink("checkpoints-sink", (key, value, ctx) -> "palm." + key + ".checkpoints",
 *         Serdes.String().serializer(), checkpointSerializer, "audit-checkpointer");
 * }</pre>
 *
 * The parent forwards each record it appends, after {@link AuditChain#append}, to this processor
 * (e.g. {@code context.forward(record.withValue(appended), "audit-checkpointer")}). Instead of this
 * processor, a processor can embed a {@link CheckpointTracker}, call {@link
 * CheckpointTracker#onAppended} per appended record and schedule a {@link CheckpointPunctuator}
 * itself.
 */
public final class CheckpointProcessor
    implements Processor<String, AuditRecord, String, Checkpoint> {

  /** Default name of the checkpoint window store. */
  public static final String STORE = "palm-audit-checkpoint-windows";

  private final List<CheckpointSchedule> schedules;
  private final CheckpointSigner signer;
  private final StateSummarySource summary;
  private final String storeName;
  private CheckpointTracker tracker;

  /** A processor for the given packs' schedules. */
  public CheckpointProcessor(
      Collection<CheckpointSchedule> schedules,
      CheckpointSigner signer,
      StateSummarySource summary,
      String storeName) {
    this.schedules = List.copyOf(schedules);
    this.signer = Objects.requireNonNull(signer, "signer");
    this.summary = Objects.requireNonNull(summary, "summary");
    this.storeName = Objects.requireNonNull(storeName, "storeName");
  }

  /** The persistent (RocksDB, changelogged) store of checkpoint windows, keyed by pack. */
  public static StoreBuilder<KeyValueStore<String, CheckpointWindow>> storeBuilder(
      String storeName) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(storeName), Serdes.String(), CheckpointWindow.serde());
  }

  @Override
  public void init(ProcessorContext<String, Checkpoint> context) {
    KeyValueStore<String, CheckpointWindow> store = context.getStateStore(storeName);
    tracker = new CheckpointTracker(store, signer);
    summary.init(context);
    CheckpointPunctuator punctuator =
        new CheckpointPunctuator(
            schedules,
            tracker,
            summary,
            (pack, checkpoint, timestamp) -> {
              try {
                context.forward(new Record<>(pack, checkpoint, timestamp));
              } catch (RuntimeException e) {
                // the window store already moved on: never skip the checkpoint, replay the task
                // instead
                throw Outages.giveUp(context, () -> "writing a checkpoint of pack " + pack, e);
              }
            });
    CheckpointSchedule.tick(schedules)
        .ifPresent(tick -> context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, punctuator));
  }

  @Override
  public void process(Record<String, AuditRecord> record) {
    if (record.value() != null) {
      tracker.onAppended(record.value());
    }
  }
}
