package dev.palm.streams.dlq;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds the records of the dead-letter topic: the original key and value bytes, the original
 * headers, and headers saying where the record came from and why it could not be processed.
 */
public final class DeadLetters {

  /** Header: source topic (or the store name for a timer item). */
  public static final String TOPIC = "palm.dlq.topic";

  /** Header: source partition, decimal. */
  public static final String PARTITION = "palm.dlq.partition";

  /** Header: source offset, decimal. */
  public static final String OFFSET = "palm.dlq.offset";

  /** Header: why the record could not be processed, one sentence. */
  public static final String REASON = "palm.dlq.reason";

  /** Header: exception class and message, when an exception was the cause. */
  public static final String EXCEPTION = "palm.dlq.exception";

  private DeadLetters() {}

  /** The dead letter for {@code input}, stamped {@code timestamp}. */
  public static Record<byte[], byte[]> of(
      RawInput input, String reason, Throwable cause, long timestamp) {
    Headers headers = new RecordHeaders();
    for (Header h : input.headers()) {
      if (!h.key().startsWith("palm.dlq.")) {
        headers.add(h.key(), h.value());
      }
    }
    add(headers, TOPIC, input.topic());
    add(headers, PARTITION, Integer.toString(input.partition()));
    add(headers, OFFSET, Long.toString(input.offset()));
    add(headers, REASON, reason);
    if (cause != null) {
      add(headers, EXCEPTION, cause.getClass().getName() + ": " + cause.getMessage());
    }
    return new Record<>(input.key(), input.value(), timestamp, headers);
  }

  /** The text of a header of a dead letter, or null. */
  public static String header(Headers headers, String key) {
    Header h = headers.lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void add(Headers headers, String key, String value) {
    headers.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
  }
}
