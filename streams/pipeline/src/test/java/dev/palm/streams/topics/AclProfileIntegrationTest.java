package dev.palm.streams.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.streams.infra.EmbeddedKafka;
import dev.palm.wire.TopicLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The secured profile of docs/security.md on a real broker with SASL SCRAM and the standard
 * authorizer: with {@link AclProfile}'s ACLs, the broker refuses a write to {@code
 * palm.<pack>.audit} by any principal but the pipeline's.
 */
@Tag("integration")
class AclProfileIntegrationTest {

  private static final String PACK = "ibank";

  @Test
  void onlyThePipelinesPrincipalMayWriteTheAuditTopic() throws Exception {
    Map<String, String> users =
        Map.of(
            "palm", "palm-secret",
            "platform", "platform-secret",
            "auditor", "auditor-secret",
            "mallory", "mallory-secret");
    TopicLayout layout = TopicLayout.defaults();
    String audit = layout.audit(PACK).name();
    String operations = layout.operations().name();
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().scramUsers(users).start();
        Admin admin = Admin.create(kafka.clientConfig())) {
      admin
          .createTopics(
              List.of(new NewTopic(audit, 1, (short) 1), new NewTopic(operations, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      AclProfile.Principals principals =
          new AclProfile.Principals(
              "User:palm",
              Optional.of("User:platform"),
              Optional.empty(),
              Optional.of("User:auditor"));
      admin
          .createAcls(AclProfile.bindings(layout, List.of(PACK), "palm-pipeline", principals))
          .all()
          .get(30, TimeUnit.SECONDS);

      // ACLs reach the authorizer through the metadata log: wait until the pipeline may write
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Optional<Exception> pipelineWrite = send(kafka, "palm", audit);
      while (pipelineWrite.isPresent() && System.nanoTime() < deadline) {
        Thread.sleep(200);
        pipelineWrite = send(kafka, "palm", audit);
      }
      assertThat(pipelineWrite).isEmpty();

      assertThat(send(kafka, "platform", audit)).get().isInstanceOf(AuthorizationException.class);
      assertThat(send(kafka, "mallory", audit)).get().isInstanceOf(AuthorizationException.class);
      assertThat(send(kafka, "auditor", audit)).get().isInstanceOf(AuthorizationException.class);
      // what each role is for still works
      assertThat(send(kafka, "platform", operations)).isEmpty();
      assertThat(read(kafka, "auditor", audit)).isEqualTo(1);
    }
  }

  @Test
  void commandsSpellTheAclsForKafkaAcls() {
    List<String> commands =
        AclProfile.commands(
            AclProfile.bindings(
                TopicLayout.defaults(),
                List.of(PACK),
                "palm-pipeline",
                new AclProfile.Principals(
                    "User:palm", Optional.empty(), Optional.empty(), Optional.of("User:audit"))));
    assertThat(commands)
        .contains(
            "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config admin.properties"
                + " --add --allow-principal User:palm --operation All --topic 'palm.'"
                + " --resource-pattern-type prefixed",
            "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config admin.properties"
                + " --add --allow-principal User:audit --operation DescribeConfigs --topic"
                + " 'palm.ibank.audit'");
    assertThat(commands).noneMatch(c -> c.contains("User:audit --operation Write"));
  }

  /** Sends one record as {@code user}; the failure, if any. */
  private static Optional<Exception> send(EmbeddedKafka kafka, String user, String topic)
      throws InterruptedException {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig(user));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  topic,
                  PACK.getBytes(StandardCharsets.UTF_8),
                  "forged".getBytes(StandardCharsets.UTF_8)))
          .get(20, TimeUnit.SECONDS);
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of(e.getCause() instanceof Exception cause ? cause : e);
    } catch (org.apache.kafka.common.KafkaException | java.util.concurrent.TimeoutException e) {
      return Optional.of(e);
    }
  }

  private static int read(EmbeddedKafka kafka, String user, String topic) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig(user));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      int count = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (count == 0 && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        count += records.count();
      }
      return count;
    }
  }
}
