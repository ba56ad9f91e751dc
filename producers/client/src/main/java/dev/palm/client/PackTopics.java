package dev.palm.client;

import dev.palm.wire.TopicRole;
import dev.palm.wire.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds which packs have topics on the cluster, so a reader can fail with "unknown pack, known
 * packs: ..." instead of waiting on a topic that does not exist.
 */
public final class PackTopics {

  private PackTopics() {}

  /**
   * Names of the packs that have an audit or decisions topic under the configuration's prefix,
   * sorted.
   */
  public static List<String> knownPacks(ClientConfig config) {
    try (Consumer<byte[], byte[]> consumer = KafkaClients.rawConsumer(config, "topics")) {
      return knownPacks(consumer, config, config.apiTimeout());
    }
  }

  static List<String> knownPacks(Consumer<?, ?> consumer, ClientConfig config, Duration timeout) {
    Map<String, List<PartitionInfo>> topics = consumer.listTopics(timeout);
    TreeSet<String> packs = new TreeSet<>();
    for (String topic : topics.keySet()) {
      config
          .layout()
          .find(topic)
          .filter(spec -> spec.role() == TopicRole.AUDIT || spec.role() == TopicRole.DECISIONS)
          .flatMap(TopicSpec::pack)
          .ifPresent(packs::add);
    }
    return List.copyOf(packs);
  }

  /**
   * The partitions of a per-pack topic.
   *
   * @throws UnknownPackException when the topic does not exist, naming the packs that have topics
   */
  static List<TopicPartition> requirePartitions(
      Consumer<?, ?> consumer, ClientConfig config, TopicSpec<?, ?> topic) {
    Duration timeout = config.apiTimeout();
    List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), timeout);
    if (partitions == null || partitions.isEmpty()) {
      Optional<String> pack = topic.pack();
      if (pack.isPresent()) {
        throw new UnknownPackException(
            pack.get(), topic.name(), knownPacks(consumer, config, timeout), config.topicPrefix());
      }
      throw new IllegalStateException(
          "Topic "
              + topic.name()
              + " does not exist; start the pipeline, which creates it, or check --topic-prefix");
    }
    return partitions.stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
        .toList();
  }
}
