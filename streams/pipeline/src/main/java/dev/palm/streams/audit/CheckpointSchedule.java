package dev.palm.streams.audit;

import dev.palm.audit.Digests;
import dev.palm.packs.CheckpointConfig;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.packs.PlatformPack;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * When and how one pack's checkpoints are made, taken from its {@code state.checkpoint} and {@code
 * state.serialization.integrity_algorithm}.
 *
 * @param pack pack name
 * @param packVersion pack version, written into each checkpoint
 * @param algorithm the pack's integrity algorithm
 * @param autoCheckpoint whether the punctuator makes checkpoints for this pack
 * @param interval time between checkpoints ({@code interval_secs})
 */
public record CheckpointSchedule(
    String pack,
    String packVersion,
    IntegrityAlgorithm algorithm,
    boolean autoCheckpoint,
    Duration interval) {

  public CheckpointSchedule {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(packVersion, "packVersion");
    Objects.requireNonNull(interval, "interval");
    Digests.requireSupported(pack, algorithm);
    if (autoCheckpoint && (interval.isZero() || interval.isNegative())) {
      throw new IllegalArgumentException(
          "pack '"
              + pack
              + "' sets state.checkpoint.auto_checkpoint=true with "
              + "interval_secs="
              + interval.toSeconds()
              + "; set interval_secs to a positive number of seconds");
    }
  }

  /**
   * The schedule a pack configures.
   *
   * @throws UnsupportedOperationException when the pack asks for BLAKE3
   * @throws IllegalArgumentException when auto checkpoints have a zero interval
   */
  public static CheckpointSchedule of(PlatformPack pack) {
    CheckpointConfig checkpoint = pack.stateConfig().checkpoint();
    return new CheckpointSchedule(
        pack.metadata().name(),
        pack.metadata().version(),
        pack.stateConfig().serialization().integrityAlgorithm(),
        checkpoint.autoCheckpoint(),
        Duration.ofSeconds(checkpoint.intervalSecs()));
  }

  /** The punctuation period that serves every automatic schedule: the shortest interval, if any. */
  public static Optional<Duration> tick(Collection<CheckpointSchedule> schedules) {
    return schedules.stream()
        .filter(CheckpointSchedule::autoCheckpoint)
        .map(CheckpointSchedule::interval)
        .min(Duration::compareTo);
  }
}
