package dev.palm.streams.query;

import dev.palm.packs.PlatformPack;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What the query API answers from: the running policy topology's {@link KafkaStreams} (whose {@code
 * application.server} must be {@link QueryServer#applicationServer()}), the packs it enforces, the
 * topics it writes and how to read them.
 *
 * @param streams the Kafka Streams instance running {@code PalmTopology}
 * @param packs the packs the topology was built with
 * @param layout its topic layout
 * @param serdes serdes bound to the pipeline's schema registry
 * @param kafkaProperties Kafka client properties (bootstrap servers and any SASL/TLS settings)
 * @param applicationId the Streams {@code application.id} (its consumer group, for the audit-lag
 *     metric)
 */
public record QuerySources(
    KafkaStreams streams,
    List<PlatformPack> packs,
    TopicLayout layout,
    PalmSerdes serdes,
    Map<String, Object> kafkaProperties,
    String applicationId) {

  public QuerySources {
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(serdes, "serdes");
    Objects.requireNonNull(applicationId, "applicationId");
    packs = List.copyOf(packs);
    if (packs.isEmpty()) {
      throw new IllegalArgumentException(
          "The query API needs the packs the pipeline enforces; got none");
    }
    kafkaProperties = Map.copyOf(kafkaProperties);
  }

  /** The packs by name, in the given order. */
  public Map<String, PlatformPack> packsByName() {
    Map<String, PlatformPack> byName = new LinkedHashMap<>();
    packs.forEach(p -> byName.put(p.metadata().name(), p));
    return Collections.unmodifiableMap(byName);
  }
}
