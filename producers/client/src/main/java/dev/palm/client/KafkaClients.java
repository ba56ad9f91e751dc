package dev.palm.client;

import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds the Kafka clients of the library from a {@link ClientConfig}: the user's properties
 * untouched, plus the few settings PALM's guarantees depend on (idempotent producer with {@code
 * acks=all}; consumers that read only committed records and never join a group or commit).
 */
final class KafkaClients {

  private KafkaClients() {}

  /**
   * Producer settings: the user's properties, then {@code acks=all} and idempotence, which are not
   * optional.
   */
  static Properties producerProperties(ClientConfig config, String purpose) {
    Properties props = config.kafkaOnly();
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId(purpose));
    props.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    props.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return props;
  }

  /** An idempotent producer of one PALM event type, keyed by pack name. */
  static <V extends SpecificRecord> KafkaProducer<String, V> producer(
      ClientConfig config, Class<V> valueType, String purpose) {
    return new KafkaProducer<>(
        producerProperties(config, purpose),
        new StringSerializer(),
        config.serdes().valueSerializer(valueType));
  }

  /**
   * Consumer settings: the user's properties, then {@code read_committed} (the pipeline writes in
   * transactions; aborted records must never be shown) and no auto-commit (readers assign
   * partitions and seek; they keep no group offsets).
   */
  static Properties consumerProperties(ClientConfig config, String purpose) {
    Properties props = config.kafkaOnly();
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId(purpose));
    props.putIfAbsent(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    return props;
  }

  /** A consumer of raw bytes; values are decoded one by one so a bad record cannot stop a read. */
  static KafkaConsumer<byte[], byte[]> rawConsumer(ClientConfig config, String purpose) {
    return new KafkaConsumer<>(
        consumerProperties(config, purpose),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private static String clientId(String purpose) {
    return "palm-client-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
