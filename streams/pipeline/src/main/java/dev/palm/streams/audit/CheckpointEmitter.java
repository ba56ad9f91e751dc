package dev.palm.streams.audit;

import dev.palm.events.Checkpoint;

/**
 * Receives each checkpoint the {@link CheckpointPunctuator} makes, e.g. to forward it to the
 * checkpoints sink.
 */
@FunctionalInterface
public interface CheckpointEmitter {

  /**
   * Emits one checkpoint of {@code pack}, made at punctuation time {@code timestamp} (epoch
   * millis).
   */
  void emit(String pack, Checkpoint checkpoint, long timestamp);
}
