package dev.palm.streams.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class EmbeddedKafkaTest {

  @Test
  void transactionalProducerCommitsAndAbortedRecordsStayInvisible() throws Exception {
    EmbeddedKafka kafka = SharedInfra.kafka();
    String topic = SharedInfra.uniquePrefix("eos") + ".tx";
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }

    Map<String, Object> producerConfig = new HashMap<>(kafka.clientConfig());
    producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-tx");
    producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
    try (var producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "ibank", "committed-1"));
      producer.send(new ProducerRecord<>(topic, "ibank", "committed-2"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "ibank", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "ibank", "committed-3"));
      producer.commitTransaction();
    }

    assertThat(readCommitted(kafka, topic))
        .containsExactly("committed-1", "committed-2", "committed-3");
  }

  @Test
  void keptDataFolderSurvivesARestartOnNewPorts(@TempDir Path folder) throws Exception {
    String firstBootstrap;
    try (EmbeddedKafka kafka =
        EmbeddedKafka.builder().dataDirectory(folder.resolve("kafka")).start()) {
      firstBootstrap = kafka.bootstrapServers();
      assertThat(kafka.isTemporary()).isFalse();
      try (Admin admin = Admin.create(kafka.clientConfig())) {
        admin
            .createTopics(List.of(new NewTopic("kept", 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
    }
    assertThat(folder.resolve("kafka/logs/meta.properties")).exists();

    try (EmbeddedKafka kafka =
        EmbeddedKafka.builder().dataDirectory(folder.resolve("kafka")).start()) {
      assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:").isNotEqualTo(firstBootstrap);
      try (Admin admin = Admin.create(kafka.clientConfig())) {
        Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        assertThat(names).contains("kept");
      }
    }
  }

  @Test
  void temporaryDataFolderIsDeletedOnClose() {
    Path data;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      data = kafka.dataDirectory();
      assertThat(kafka.isTemporary()).isTrue();
      assertThat(Files.isDirectory(data)).isTrue();
      assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    }
    assertThat(data).doesNotExist();
  }

  @Test
  void refusesToOverrideListenerSettings() {
    assertThatThrownBy(
            () -> EmbeddedKafka.builder().brokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listeners");
  }

  private static List<String> readCommitted(EmbeddedKafka kafka, String topic) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
