package dev.palm.client;

import dev.palm.events.AuditRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * One audit record as read from the topic, with its Kafka position.
 *
 * @param record the record
 * @param topic topic it was read from
 * @param partition partition
 * @param offset offset
 * @param timestamp the Kafka record timestamp
 */
public record AuditEntry(
    AuditRecord record, String topic, int partition, long offset, Instant timestamp) {

  public AuditEntry {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** {@code topic-partition@offset}. */
  public String position() {
    return topic + "-" + partition + "@" + offset;
  }
}
