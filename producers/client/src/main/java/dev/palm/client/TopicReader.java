package dev.palm.client;

import dev.palm.wire.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one PALM topic from a {@link StartPosition} by assigning all its partitions (no consumer
 * group), decoding values one record at a time so that an undecodable record is reported rather
 * than stopping the read. It remembers the end offsets of the moment it was opened, so bounded
 * reads know when they are done.
 */
final class TopicReader<V extends SpecificRecord> implements AutoCloseable {

  /** One record read: either a decoded value or a record that could not be decoded. */
  sealed interface Item<V> {
    String topic();

    int partition();

    long offset();

    Instant timestamp();

    /** {@code topic-partition@offset}. */
    default String position() {
      return topic() + "-" + partition() + "@" + offset();
    }
  }

  /**
   * A decoded record, with its value's bytes as read (Confluent wire format), for those who need
   * the writer's encoding (the audit chain is hashed under the writer schema).
   */
  record Value<V>(
      String topic,
      int partition,
      long offset,
      Instant timestamp,
      String key,
      V value,
      byte[] bytes)
      implements Item<V> {}

  /** A record whose value could not be decoded (not Avro, unknown schema, wrong type, null). */
  record Unreadable<V>(String topic, int partition, long offset, Instant timestamp, String reason)
      implements Item<V> {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<V> deserializer;
  private final String topic;
  private final String registryUrl;
  private final Duration apiTimeout;
  private final List<TopicPartition> partitions;
  private final Map<TopicPartition, Long> startOffsets;
  private final Map<TopicPartition, Long> endAtOpen;
  private final Set<TopicPartition> stopped = new HashSet<>();
  private final java.util.ArrayDeque<Item<V>> buffered = new java.util.ArrayDeque<>();

  private TopicReader(
      KafkaConsumer<byte[], byte[]> consumer,
      Deserializer<V> deserializer,
      String topic,
      String registryUrl,
      Duration apiTimeout,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> startOffsets,
      Map<TopicPartition, Long> endAtOpen) {
    this.consumer = consumer;
    this.deserializer = deserializer;
    this.topic = topic;
    this.registryUrl = registryUrl;
    this.apiTimeout = apiTimeout;
    this.partitions = partitions;
    this.startOffsets = Map.copyOf(startOffsets);
    this.endAtOpen = Map.copyOf(endAtOpen);
  }

  /**
   * Opens a reader of {@code spec} positioned at {@code start}.
   *
   * @throws UnknownPackException when the topic of a per-pack spec does not exist
   */
  static <V extends SpecificRecord> TopicReader<V> open(
      ClientConfig config, TopicSpec<String, V> spec, StartPosition start, String purpose) {
    KafkaConsumer<byte[], byte[]> consumer = KafkaClients.rawConsumer(config, purpose);
    try {
      Duration timeout = config.apiTimeout();
      List<TopicPartition> partitions = PackTopics.requirePartitions(consumer, config, spec);
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
      Map<TopicPartition, Long> startOffsets =
          startOffsets(consumer, partitions, start, begin, end, timeout);
      startOffsets.forEach(consumer::seek);
      Deserializer<V> deserializer = config.serdes().valueDeserializer(spec.valueType());
      return new TopicReader<>(
          consumer,
          deserializer,
          spec.name(),
          config.registryUrl(),
          timeout,
          partitions,
          startOffsets,
          end);
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
  }

  private static Map<TopicPartition, Long> startOffsets(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      StartPosition start,
      Map<TopicPartition, Long> begin,
      Map<TopicPartition, Long> end,
      Duration timeout) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    // Java 17: no pattern matching in switch, so the sealed variants are told apart with
    // instanceof.
    if (start instanceof StartPosition.Beginning) {
      offsets.putAll(begin);
    } else if (start instanceof StartPosition.End) {
      offsets.putAll(end);
    } else if (start instanceof StartPosition.AtTime at) {
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(tp -> query.put(tp, at.time().toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
      for (TopicPartition tp : partitions) {
        OffsetAndTimestamp hit = found.get(tp);
        // No record at or after the time: start at the end, so the range is empty (or only new
        // records).
        offsets.put(tp, hit == null ? end.get(tp) : Math.max(hit.offset(), begin.get(tp)));
      }
    } else if (start instanceof StartPosition.AtOffsets at) {
      for (TopicPartition tp : partitions) {
        Long wanted = at.offsets().get(tp.partition());
        long offset = wanted == null ? end.get(tp) : wanted;
        offsets.put(tp, Math.min(Math.max(offset, begin.get(tp)), end.get(tp)));
      }
    } else {
      throw new IllegalArgumentException("Unknown start position " + start);
    }
    return offsets;
  }

  /** The topic read. */
  String topic() {
    return topic;
  }

  /**
   * Records between the start and the end of the moment of opening (an upper bound: markers count
   * too).
   */
  long recordsToSnapshotEnd() {
    long total = 0;
    for (TopicPartition tp : partitions) {
      total += Math.max(0, endAtOpen.get(tp) - startOffsets.get(tp));
    }
    return total;
  }

  /**
   * Whether every partition not stopped has been read up to the end offsets of the moment of
   * opening.
   */
  boolean atSnapshotEnd() {
    for (TopicPartition tp : partitions) {
      if (!stopped.contains(tp) && consumer.position(tp, apiTimeout) < endAtOpen.get(tp)) {
        return false;
      }
    }
    return true;
  }

  /** Stops reading a partition (e.g. its records passed the end of a time range). */
  void stop(int partition) {
    TopicPartition tp = new TopicPartition(topic, partition);
    if (stopped.add(tp)) {
      consumer.pause(List.of(tp));
    }
  }

  /** Whether every partition was stopped. */
  boolean allStopped() {
    return stopped.containsAll(partitions);
  }

  /** The next records, in offset order per partition. */
  List<Item<V>> poll(Duration timeout) {
    List<Item<V>> items = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
      if (stopped.contains(new TopicPartition(record.topic(), record.partition()))) {
        continue;
      }
      items.add(decode(record));
    }
    return items;
  }

  /**
   * Polls, keeping only records below the end offsets of the moment of opening (later ones belong
   * to no snapshot).
   */
  private List<Item<V>> pollBounded() {
    List<Item<V>> items = new ArrayList<>();
    for (Item<V> item : poll(Duration.ofMillis(200))) {
      TopicPartition tp = new TopicPartition(item.topic(), item.partition());
      if (item.offset() < endAtOpen.get(tp) && !stopped.contains(tp)) {
        items.add(item);
      }
    }
    return items;
  }

  private Item<V> decode(ConsumerRecord<byte[], byte[]> record) {
    Instant timestamp = Instant.ofEpochMilli(record.timestamp());
    if (record.value() == null) {
      return new Unreadable<>(
          record.topic(),
          record.partition(),
          record.offset(),
          timestamp,
          "the value is null (a tombstone)");
    }
    try {
      V value = deserializer.deserialize(record.topic(), record.headers(), record.value());
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      return new Value<>(
          record.topic(),
          record.partition(),
          record.offset(),
          timestamp,
          key,
          value,
          record.value());
    } catch (RuntimeException e) {
      if (dev.palm.registry.RegistryUnavailableException.isCause(e) || causedByIo(e)) {
        // The bytes may be fine: the registry that holds their schema did not answer (or answered
        // 5xx).
        throw new RegistryUnavailableException(
            "The schema registry "
                + registryUrl
                + " did not answer while decoding "
                + record.topic()
                + "-"
                + record.partition()
                + "@"
                + record.offset()
                + ": "
                + e.getMessage(),
            e);
      }
      return new Unreadable<>(
          record.topic(),
          record.partition(),
          record.offset(),
          timestamp,
          Objects.toString(e.getMessage(), e.toString()));
    }
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads everything up to the end offsets of the moment of opening, handing each item to {@code
   * sink} until it returns false.
   *
   * @throws org.apache.kafka.common.errors.TimeoutException when no record arrives for the API
   *     timeout although the end has not been reached
   */
  void readToSnapshotEnd(java.util.function.Predicate<Item<V>> sink) {
    long idleSince = System.nanoTime();
    while (!allStopped() && !atSnapshotEnd()) {
      List<Item<V>> items = pollBounded();
      if (!items.isEmpty()) {
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince > apiTimeout.toNanos()) {
        throw new org.apache.kafka.common.errors.TimeoutException(
            "Reading "
                + topic
                + " made no progress for "
                + apiTimeout.toSeconds()
                + " s before reaching its end");
      }
      for (Item<V> item : items) {
        if (stopped.contains(new TopicPartition(item.topic(), item.partition()))) {
          continue;
        }
        if (!sink.test(item)) {
          return;
        }
      }
    }
  }

  /**
   * The next item up to the end offsets of the moment of opening, or empty at that end: a
   * pull-style read for merging two topics.
   *
   * @throws org.apache.kafka.common.errors.TimeoutException when no record arrives for the API
   *     timeout although the end has not been reached
   */
  java.util.Optional<Item<V>> nextItem() {
    long idleSince = System.nanoTime();
    while (buffered.isEmpty()) {
      if (allStopped() || atSnapshotEnd()) {
        return java.util.Optional.empty();
      }
      List<Item<V>> items = pollBounded();
      if (!items.isEmpty()) {
        buffered.addAll(items);
      } else if (System.nanoTime() - idleSince > apiTimeout.toNanos()) {
        throw new org.apache.kafka.common.errors.TimeoutException(
            "Reading "
                + topic
                + " made no progress for "
                + apiTimeout.toSeconds()
                + " s before reaching its end");
      }
    }
    return java.util.Optional.of(buffered.poll());
  }

  @Override
  public void close() {
    try {
      deserializer.close();
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }
}
