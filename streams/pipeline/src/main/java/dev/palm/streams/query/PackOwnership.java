package dev.palm.streams.query;

import dev.palm.streams.policy.PolicyStores;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds the instance that holds a pack's state. Every policy store is keyed {@code <pack>/<id>} or
 * by the pack name, but the data is partitioned by the input records' key, which is the pack name;
 * so the owner of all of a pack's store entries is the active host of the partition the pack name
 * falls in. That is what {@link KafkaStreams#queryMetadataForKey} computes when given the pack name
 * (Kafka's default key partitioner over the input topics' partition count).
 */
final class PackOwnership {

  private static final Serializer<String> KEYS = new StringSerializer();

  private final KafkaStreams streams;
  private final HostInfo self;

  PackOwnership(KafkaStreams streams, HostInfo self) {
    this.streams = Objects.requireNonNull(streams, "streams");
    this.self = Objects.requireNonNull(self, "self");
  }

  /** Where the pack's state is, as far as this instance knows now. */
  sealed interface Owner {}

  /**
   * This instance holds the pack's partition.
   *
   * @param partition the input (and store) partition of the pack
   */
  record Local(int partition) implements Owner {}

  /**
   * Another instance holds it.
   *
   * @param host that instance's {@code application.server}
   */
  record Remote(HostInfo host) implements Owner {}

  /**
   * Nobody is known to hold it now (the group is rebalancing or not running yet).
   *
   * @param reason why, for the 503 answer
   */
  record Unknown(String reason) implements Owner {}

  /** This instance's address as the other instances know it. */
  HostInfo self() {
    return self;
  }

  /** The owner of {@code pack}. */
  Owner ownerOf(String pack) {
    KafkaStreams.State state = streams.state();
    if (!state.isRunningOrRebalancing()) {
      return new Unknown("the pipeline is " + state);
    }
    KeyQueryMetadata metadata;
    try {
      metadata = streams.queryMetadataForKey(PolicyStores.OPERATIONS, pack, KEYS);
    } catch (StreamsException | IllegalStateException e) {
      return new Unknown("the pipeline cannot locate pack '" + pack + "': " + e.getMessage());
    }
    if (metadata == null
        || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
        || metadata.activeHost() == null
        || metadata.activeHost().port() < 0) {
      return new Unknown(
          "no instance currently owns pack '"
              + pack
              + "' (the consumer group is rebalancing,"
              + " or application.server is not set)");
    }
    if (metadata.activeHost().equals(self)) {
      return new Local(metadata.partition());
    }
    return new Remote(metadata.activeHost());
  }

  /** The {@code host:port} form of an address. */
  static String address(HostInfo host) {
    return host.host() + ":" + host.port();
  }
}
