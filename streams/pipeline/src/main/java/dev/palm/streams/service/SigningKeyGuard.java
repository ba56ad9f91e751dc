package dev.palm.streams.service;

import dev.palm.audit.CheckpointSigner;
import dev.palm.events.Checkpoint;
import dev.palm.streams.clients.KafkaClientProperties;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Keeps the checkpoint signing key from changing silently: before the pipeline starts, it reads the
 * latest committed checkpoint of each pack and compares its signing key with the pipeline's. A
 * different key (e.g. the state folder that held the key was deleted, and a new one was generated)
 * stops the start, unless the operator asked to rotate; then the rotation is recorded in the pack's
 * audit chain with the start (docs/running.md).
 */
final class SigningKeyGuard {

  /**
   * How far back from the end the latest checkpoint is looked for (transaction markers, aborts).
   */
  private static final int LOOK_BACK = 64;

  private final Map<String, Object> clientProperties;
  private final TopicLayout layout;
  private final Deserializer<Checkpoint> deserializer;
  private final Duration timeout;

  SigningKeyGuard(
      Map<String, Object> clientProperties,
      TopicLayout layout,
      PalmSerdes serdes,
      Duration timeout) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.layout = layout;
    this.deserializer = serdes.valueDeserializer(Checkpoint.class);
    this.timeout = timeout;
  }

  /**
   * The key id of the latest checkpoint of each pack that has one and was signed with another key
   * than {@code signer}'s.
   */
  Map<String, String> changedKeys(List<String> packs, CheckpointSigner signer) {
    Map<String, String> changed = new HashMap<>();
    Map<String, Object> props = KafkaClientProperties.assignedReader(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // one reader for every pack: each new consumer costs a connection and a metadata round trip,
    // and a restarted pipeline decides nothing until this is done
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (String pack : packs) {
        latest(consumer, layout.checkpoints(pack).name())
            .map(Checkpoint::getSigningKeyId)
            .filter(id -> !id.equals(signer.keyId()))
            .ifPresent(id -> changed.put(pack, id));
      }
    }
    return Map.copyOf(changed);
  }

  /** The latest committed checkpoint of {@code topic}, if any. */
  private Optional<Checkpoint> latest(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      return Optional.empty();
    }
    Checkpoint latest = null;
    for (PartitionInfo info : infos) {
      TopicPartition tp = new TopicPartition(topic, info.partition());
      consumer.assign(List.of(tp));
      long begin = consumer.beginningOffsets(List.of(tp), timeout).get(tp);
      long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
      consumer.seek(tp, Math.max(begin, end - LOOK_BACK));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (consumer.position(tp, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Reading the latest checkpoint of "
                  + tp
                  + " did not finish within "
                  + timeout.toSeconds()
                  + " s; is the broker reachable?");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Checkpoint c = deserializer.deserialize(topic, r.value());
          if (latest == null || c.getCheckpointId() > latest.getCheckpointId()) {
            latest = c;
          }
        }
      }
    }
    return Optional.ofNullable(latest);
  }
}
