package dev.palm.streams.dlq;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads one input topic as raw bytes and decodes it inside the topology, so that a record that does
 * not decode (a poison pill, a tombstone, a record without key) goes to the dead-letter topic with
 * its reason while the records after it are still processed. A record that cannot be decoded only
 * because the schema registry is unavailable is no poison pill: it waits ({@link Outages}).
 *
 * @param <T> the decoded value type
 * @param <P> what the processor forwards downstream for a decoded record
 */
public final class DecodingProcessor<T, P> implements Processor<byte[], byte[], Object, Object> {

  private final Deserializer<T> deserializer;
  private final BiFunction<T, RawInput, P> wrap;
  private final String downstream;
  private final String deadLetterSink;
  private ProcessorContext<Object, Object> context;

  /**
   * @param deserializer value deserializer of the topic
   * @param wrap turns a decoded value and its raw record into the downstream input
   * @param downstream child node that receives decoded inputs, keyed by the record key as a string
   * @param deadLetterSink child sink node of the dead-letter topic
   */
  public DecodingProcessor(
      Deserializer<T> deserializer,
      BiFunction<T, RawInput, P> wrap,
      String downstream,
      String deadLetterSink) {
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    this.wrap = Objects.requireNonNull(wrap, "wrap");
    this.downstream = Objects.requireNonNull(downstream, "downstream");
    this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata meta = context.recordMetadata().orElse(null);
    RawInput raw =
        new RawInput(
            meta == null ? "unknown" : meta.topic(),
            meta == null ? -1 : meta.partition(),
            meta == null ? -1 : meta.offset(),
            record.key(),
            record.value(),
            record.headers());
    if (record.key() == null || record.key().length == 0) {
      deadLetter(
          raw,
          "record has no key; key input records by pack name so they join that pack's order",
          null);
      return;
    }
    if (record.value() == null) {
      deadLetter(
          raw, "record has no value (tombstone); input topics carry events, not deletions", null);
      return;
    }
    T value;
    try {
      // a registry outage is retried (and finally replayed), never dead-lettered: the bytes are
      // fine
      value =
          Outages.retrying(
              context,
              () -> "decoding " + raw.topic() + "-" + raw.partition() + "@" + raw.offset(),
              () -> deserializer.deserialize(raw.topic(), record.headers(), record.value()));
    } catch (OutageException e) {
      throw e;
    } catch (RuntimeException e) {
      deadLetter(raw, "value does not deserialize: " + e.getMessage(), e);
      return;
    }
    if (value == null) {
      deadLetter(raw, "value deserialized to nothing", null);
      return;
    }
    String key = new String(record.key(), StandardCharsets.UTF_8);
    context.forward(
        new Record<>(key, wrap.apply(value, raw), record.timestamp(), record.headers()),
        downstream);
  }

  private void deadLetter(RawInput raw, String reason, Throwable cause) {
    context.forward(
        DeadLetters.of(raw, reason, cause, context.currentSystemTimeMs()), deadLetterSink);
  }

  @Override
  public void close() {
    deserializer.close();
  }
}
