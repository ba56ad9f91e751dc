package dev.palm.client;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a client's record landed: the operation it concerns and its topic, partition, offset and
 * timestamp, so callers can cite it or read from there.
 */
public record PublishResult(
    String operationId, String topic, int partition, long offset, Instant timestamp) {

  public PublishResult {
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** The position as {@code topic-partition@offset}, the form error messages use. */
  public String position() {
    return topic + "-" + partition + "@" + offset;
  }
}
