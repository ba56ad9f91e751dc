package dev.palm.streams.audit;

import dev.palm.audit.CheckpointRange;
import dev.palm.audit.CheckpointSigner;
import dev.palm.audit.Digests;
import dev.palm.audit.MerkleFrontier;
import dev.palm.audit.OffsetBinding;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.events.ForeignRecord;
import dev.palm.packs.IntegrityAlgorithm;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each pack's {@link CheckpointWindow} in a key-value store (keyed by pack) as the audit
 * watcher reads the pack's audit topic, and turns a window into a signed {@link Checkpoint} that
 * binds the sequence range to the offsets read (docs/audit-format.md §6.2). Because the store is
 * the processor's own changelogged store, a checkpoint and the window reset commit atomically with
 * the read position under exactly-once.
 */
public final class CheckpointTracker {

  /**
   * Most foreign records one checkpoint lists; reaching it makes a checkpoint at once, so that a
   * flood of foreign writes cannot grow one window without bound.
   */
  public static final int MAX_FOREIGN_PER_CHECKPOINT = 1000;

  /** What became of a record of the pack's chain handed to {@link #onOwnRecord}. */
  public enum Reception {
    /** Added to the window. */
    ADDED,
    /** Its sequence was read before: a copy appended again, so foreign. */
    REPEATED,
    /**
     * Records between the last one read and this one are not in the topic: checkpoint the window
     * first, then hand the record again (it starts the next window).
     */
    CHECKPOINT_FIRST
  }

  private final KeyValueStore<String, CheckpointWindow> store;
  private final CheckpointSigner signer;

  /** A tracker over {@code store} signing with {@code signer}. */
  public CheckpointTracker(KeyValueStore<String, CheckpointWindow> store, CheckpointSigner signer) {
    this.store = Objects.requireNonNull(store, "store");
    this.signer = Objects.requireNonNull(signer, "signer");
  }

  /**
   * Adds a record of the pack's chain (sealed by this pipeline) read at {@code offset} of {@code
   * partition}.
   *
   * @throws IllegalStateException when the algorithm changes inside a window
   */
  public Reception onOwnRecord(AuditRecord appended, int partition, long offset) {
    String pack = appended.getPack();
    long sequence = appended.getSequence();
    IntegrityAlgorithm algorithm = Digests.fromWireName(appended.getAlgorithm());
    CheckpointWindow window = store.get(pack);
    if (window == null) {
      window =
          CheckpointWindow.starting(
              sequence,
              sequence == 0 ? Digests.genesisHash(algorithm) : appended.getPrevHash(),
              new MerkleFrontier(algorithm));
    }
    if (sequence <= window.lastSequence()) {
      store.put(pack, window.reading(partition, offset));
      return Reception.REPEATED;
    }
    if (sequence != window.lastSequence() + 1) {
      if (window.hasRecords()) {
        return Reception.CHECKPOINT_FIRST;
      }
      window = window.rebasedAt(sequence);
    }
    MerkleFrontier frontier = window.frontier();
    if (window.hasRecords() && frontier.algorithm() != algorithm) {
      throw new IllegalStateException(
          "audit record "
              + sequence
              + " of pack '"
              + pack
              + "' uses "
              + appended.getAlgorithm()
              + " but the records since the last checkpoint use "
              + Digests.wireName(frontier.algorithm()));
    }
    if (frontier.algorithm() != algorithm) {
      frontier = new MerkleFrontier(algorithm);
    }
    frontier.add(appended.getHash());
    store.put(
        pack, window.withRecord(sequence, appended.getHash(), frontier).reading(partition, offset));
    return Reception.ADDED;
  }

  /**
   * Records that the record at {@code offset} of the pack's audit partition was not written by this
   * pipeline; returns whether the window now holds {@link #MAX_FOREIGN_PER_CHECKPOINT} of them
   * (checkpoint at once).
   */
  public boolean onForeign(
      CheckpointSchedule schedule, int partition, long offset, String valueDigest, String reason) {
    CheckpointWindow window = store.get(schedule.pack());
    if (window == null) {
      window =
          CheckpointWindow.starting(
              0,
              Digests.genesisHash(schedule.algorithm()),
              new MerkleFrontier(schedule.algorithm()));
    }
    CheckpointWindow updated =
        window
            .reading(partition, offset)
            .withForeign(new ForeignRecord(offset, valueDigest, reason));
    store.put(schedule.pack(), updated);
    return updated.offsets().foreign().size() >= MAX_FOREIGN_PER_CHECKPOINT;
  }

  /** The pack's current window, if any record of its audit topic was read. */
  public Optional<CheckpointWindow> window(String pack) {
    return Optional.ofNullable(store.get(pack));
  }

  /**
   * Whether the pack's next checkpoint is due: its interval has passed since the last one (an idle
   * pack too: an empty checkpoint re-signs the head and extends the offsets accounted for), or no
   * checkpoint was made yet and something was read.
   */
  public boolean due(CheckpointSchedule schedule, Instant now) {
    CheckpointWindow window = store.get(schedule.pack());
    if (window == null) {
      return false;
    }
    if (window.lastCheckpointAtMillis() < 0) {
      return window.hasNews();
    }
    return now.toEpochMilli() - window.lastCheckpointAtMillis() >= schedule.interval().toMillis();
  }

  /**
   * Makes the pack's next checkpoint over what was read since the last one and resets the window;
   * empty when nothing of the pack was ever read.
   */
  public Optional<Checkpoint> checkpoint(
      CheckpointSchedule schedule, Instant now, List<AuditDetail> stateSummary) {
    CheckpointWindow window = store.get(schedule.pack());
    if (window == null || (window.lastCheckpointAtMillis() < 0 && !window.hasNews())) {
      return Optional.empty();
    }
    MerkleFrontier frontier = window.frontier();
    CheckpointWindow.Offsets offsets = window.offsets();
    Optional<OffsetBinding> binding =
        offsets.known()
            ? Optional.of(
                new OffsetBinding(
                    offsets.partition(),
                    offsets.firstOffset(),
                    offsets.endOffset(),
                    offsets.foreign()))
            : Optional.empty();
    CheckpointRange range =
        new CheckpointRange(
            window.firstSequence(),
            window.lastSequence(),
            window.headHash(),
            frontier.root(),
            binding);
    Checkpoint checkpoint =
        signer.build(
            schedule.pack(),
            schedule.packVersion(),
            window.nextCheckpointId(),
            now,
            frontier.algorithm(),
            range,
            stateSummary,
            window.lastSignature());
    store.put(
        schedule.pack(),
        window.afterCheckpoint(
            checkpoint.getSignature(),
            now.toEpochMilli(),
            new MerkleFrontier(frontier.algorithm())));
    return Optional.of(checkpoint);
  }
}
