package dev.palm.client;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Where a reader of a PALM topic starts: the oldest retained record, the current end, a time, or
 * offsets.
 */
public sealed interface StartPosition {

  /** The oldest record still retained. */
  static StartPosition beginning() {
    return new Beginning();
  }

  /** The current end: only records written from now on. */
  static StartPosition now() {
    return new End();
  }

  /**
   * The first record whose Kafka timestamp is at or after {@code time} (Kafka's {@code
   * offsetsForTimes}).
   */
  static StartPosition at(Instant time) {
    return new AtTime(time);
  }

  /** Explicit offsets per partition; partitions not named start at the current end. */
  static StartPosition offsets(Map<Integer, Long> offsets) {
    return new AtOffsets(offsets);
  }

  /** The oldest record still retained. */
  record Beginning() implements StartPosition {}

  /** The current end of every partition. */
  record End() implements StartPosition {}

  /** The earliest offset per partition whose record timestamp is at or after {@code time}. */
  record AtTime(Instant time) implements StartPosition {
    public AtTime {
      Objects.requireNonNull(time, "time");
    }
  }

  /** Explicit offsets by partition number. */
  record AtOffsets(Map<Integer, Long> offsets) implements StartPosition {
    public AtOffsets {
      offsets = Map.copyOf(offsets);
    }
  }
}
