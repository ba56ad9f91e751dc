package dev.palm.streams.dlq;

import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An input record exactly as read from Kafka, kept with its decoded form so that a record that
 * cannot be processed can still be sent to the dead-letter topic byte for byte.
 *
 * @param topic source topic
 * @param partition source partition (-1 when unknown)
 * @param offset source offset (-1 when unknown)
 * @param key raw key bytes, may be null
 * @param value raw value bytes, may be null
 * @param headers the record's headers
 */
public record RawInput(
    String topic, int partition, long offset, byte[] key, byte[] value, Headers headers) {

  public RawInput {
    Objects.requireNonNull(topic, "topic");
    headers = headers == null ? new RecordHeaders() : headers;
  }
}
