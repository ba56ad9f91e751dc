package dev.palm.streams.clients;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings PALM's own Kafka clients outside the pipeline (query API, sample workload,
 * benchmarks) add to the user's client properties, kept in one place so every reader sees only
 * committed records and every writer is idempotent.
 */
public final class KafkaClientProperties {

  private KafkaClientProperties() {}

  /**
   * A copy of {@code base} for a consumer that reads by assignment: no group (so no group or
   * instance id, no commits) and {@code read_committed}, because the pipeline writes in
   * transactions and aborted records must never be shown. Callers add their own extras (offset
   * reset, batch size) to the mutable copy.
   */
  public static Map<String, Object> assignedReader(Map<String, Object> base) {
    Map<String, Object> props = new HashMap<>(base);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return props;
  }

  /**
   * A copy of {@code base} for an idempotent producer with {@code acks=all} and a short linger, as
   * the sample and benchmark drivers use to feed the pipeline's input topics.
   */
  public static Map<String, Object> idempotentWriter(Map<String, Object> base) {
    Map<String, Object> props = new HashMap<>(base);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return props;
  }
}
