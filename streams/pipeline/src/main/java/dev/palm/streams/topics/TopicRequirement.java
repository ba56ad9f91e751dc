package dev.palm.streams.topics;

import dev.palm.wire.TopicSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one topic must look like for the loaded packs: partitions and replication when it is
 * created, and the topic configs it must have (or exceed, for retention) when it already exists.
 *
 * @param topic the topic
 * @param partitions partitions when created (existing topics keep theirs)
 * @param replicationFactor replicas when created; empty = the cluster's {@code
 *     default.replication.factor}
 * @param configs the required topic configs
 */
public record TopicRequirement(
    TopicSpec<?, ?> topic,
    int partitions,
    Optional<Short> replicationFactor,
    Map<String, String> configs) {

  /** Validates the components and copies the configs. */
  public TopicRequirement {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(replicationFactor, "replicationFactor");
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "Topic " + topic.name() + " needs at least one partition, got " + partitions);
    }
    replicationFactor.ifPresent(
        rf -> {
          if (rf < 1) {
            throw new IllegalArgumentException(
                "Topic " + topic.name() + " needs a replication factor >= 1, got " + rf);
          }
        });
    configs = Map.copyOf(configs);
  }

  /** The topic name. */
  public String name() {
    return topic.name();
  }
}
