package dev.palm.streams.audit;

import dev.palm.audit.CheckpointRange;
import dev.palm.audit.CheckpointSigner;
import dev.palm.audit.Digests;
import dev.palm.audit.MerkleFrontier;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.packs.IntegrityAlgorithm;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each pack's {@link CheckpointWindow} in a key-value store (keyed by pack) as audit records
 * are appended, and turns a window into a signed {@link Checkpoint}. Because the store is the
 * processor's own changelogged store, a checkpoint and the window reset commit atomically under
 * exactly-once.
 */
public final class CheckpointTracker {

  private final KeyValueStore<String, CheckpointWindow> store;
  private final CheckpointSigner signer;

  /** A tracker over {@code store} signing with {@code signer}. */
  public CheckpointTracker(KeyValueStore<String, CheckpointWindow> store, CheckpointSigner signer) {
    this.store = Objects.requireNonNull(store, "store");
    this.signer = Objects.requireNonNull(signer, "signer");
  }

  /**
   * Adds a record that was appended to its pack's chain. A record whose sequence was already seen
   * is ignored (idempotent replays).
   *
   * @throws IllegalStateException when a sequence is skipped or the algorithm changes, because the
   *     checkpoint could then not cover a contiguous range
   */
  public void onAppended(AuditRecord appended) {
    String pack = appended.getPack();
    long sequence = appended.getSequence();
    IntegrityAlgorithm algorithm = Digests.fromWireName(appended.getAlgorithm());
    CheckpointWindow window = store.get(pack);
    if (window == null) {
      window = CheckpointWindow.starting(sequence, new MerkleFrontier(algorithm));
    }
    if (sequence <= window.lastSequence()) {
      return;
    }
    if (sequence != window.lastSequence() + 1) {
      throw new IllegalStateException(
          "audit record "
              + sequence
              + " of pack '"
              + pack
              + "' arrived after record "
              + window.lastSequence()
              + "; the checkpoint processor must see every appended record in order");
    }
    MerkleFrontier frontier = window.frontier();
    if (frontier.algorithm() != algorithm) {
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
    frontier.add(appended.getHash());
    store.put(pack, window.withRecord(sequence, appended.getHash(), frontier));
  }

  /** The pack's current window, if any record of it was seen. */
  public Optional<CheckpointWindow> window(String pack) {
    return Optional.ofNullable(store.get(pack));
  }

  /**
   * Whether the pack has uncovered records and its interval has passed since its last checkpoint.
   */
  public boolean due(CheckpointSchedule schedule, Instant now) {
    CheckpointWindow window = store.get(schedule.pack());
    return window != null
        && window.hasRecords()
        && (window.lastCheckpointAtMillis() < 0
            || now.toEpochMilli() - window.lastCheckpointAtMillis()
                >= schedule.interval().toMillis());
  }

  /**
   * Makes the pack's next checkpoint over the records since the last one and resets the window;
   * empty when no record arrived since (no checkpoint for an idle pack).
   */
  public Optional<Checkpoint> checkpoint(
      CheckpointSchedule schedule, Instant now, List<AuditDetail> stateSummary) {
    CheckpointWindow window = store.get(schedule.pack());
    if (window == null || !window.hasRecords()) {
      return Optional.empty();
    }
    MerkleFrontier frontier = window.frontier();
    CheckpointRange range =
        new CheckpointRange(
            window.firstSequence(), window.lastSequence(), window.headHash(), frontier.root());
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
