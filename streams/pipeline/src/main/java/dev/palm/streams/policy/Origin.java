package dev.palm.streams.policy;

import dev.palm.events.SourcePosition;
import java.util.Optional;

/**
 * Where and when the handled input happened.
 *
 * @param source Kafka position of the input, empty for timers
 * @param recordTime the input record's timestamp (the timer's time for timers), for the rate window
 * @param now wall-clock time of the handling, for decisions, audit records and timeouts
 */
record Origin(Optional<SourcePosition> source, long recordTime, long now) {

  /** The origin of a timer firing at {@code now}. */
  static Origin timer(long now) {
    return new Origin(Optional.empty(), now, now);
  }
}
