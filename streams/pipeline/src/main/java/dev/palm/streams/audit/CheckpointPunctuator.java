package dev.palm.streams.audit;

import dev.palm.events.AuditDetail;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.streams.processor.Punctuator;

/**
 * Periodic (wall-clock) task that makes a checkpoint for every pack with {@code auto_checkpoint}
 * whose {@code interval_secs} has passed (idle packs too), and hands it to a {@link
 * CheckpointEmitter}. Schedule it every {@link CheckpointSchedule#tick} with {@code
 * PunctuationType.WALL_CLOCK_TIME}.
 */
public final class CheckpointPunctuator implements Punctuator {

  private final List<CheckpointSchedule> schedules;
  private final CheckpointTracker tracker;
  private final Function<String, List<AuditDetail>> summary;
  private final CheckpointEmitter emitter;

  /** A punctuator over the packs' schedules. */
  public CheckpointPunctuator(
      List<CheckpointSchedule> schedules,
      CheckpointTracker tracker,
      Function<String, List<AuditDetail>> summary,
      CheckpointEmitter emitter) {
    this.schedules = List.copyOf(schedules);
    this.tracker = Objects.requireNonNull(tracker, "tracker");
    this.summary = Objects.requireNonNull(summary, "summary");
    this.emitter = Objects.requireNonNull(emitter, "emitter");
  }

  @Override
  public void punctuate(long timestamp) {
    Instant now = Instant.ofEpochMilli(timestamp);
    for (CheckpointSchedule schedule : schedules) {
      if (schedule.autoCheckpoint() && tracker.due(schedule, now)) {
        tracker
            .checkpoint(schedule, now, summary.apply(schedule.pack()))
            .ifPresent(checkpoint -> emitter.emit(schedule.pack(), checkpoint, timestamp));
      }
    }
  }
}
