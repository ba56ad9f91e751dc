package dev.palm.client;

import dev.palm.audit.AuditChain;
import dev.palm.audit.ChainHead;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.SourcePosition;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.streams.infra.SharedInfra;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Shared test setup of the producers module: client configurations with a unique topic prefix on
 * the JVM's shared broker and registry, topic creation, chains of audit records, plain producers
 * that write what the pipeline (or a forger) would write, and an in-process runner of the {@code
 * palm} command line.
 */
public final class Fixture {

  private Fixture() {}

  /** A client configuration for the shared broker and registry with a fresh topic prefix. */
  public static ClientConfig config(String label) {
    return ClientConfig.of(SharedInfra.bootstrapServers(), SharedInfra.registryUrl())
        .withTopicPrefix(SharedInfra.uniquePrefix(label));
  }

  /**
   * Creates the shared input topics and the four topics of each pack (one partition, kept forever).
   */
  public static void createTopics(ClientConfig config, String... packs) {
    List<String> names = new ArrayList<>();
    config.layout().inputs().forEach(t -> names.add(t.name()));
    for (String pack : packs) {
      config.layout().packTopics(pack).forEach(t -> names.add(t.name()));
    }
    createTopicsNamed(config, names);
  }

  /** Creates topics by name (one partition, kept forever); existing ones are left alone. */
  public static void createTopicsNamed(ClientConfig config, List<String> names) {
    try (Admin admin = Admin.create(config.kafka())) {
      for (String name : names) {
        try {
          admin
              .createTopics(
                  List.of(new NewTopic(name, 1, (short) 1).configs(Map.of("retention.ms", "-1"))))
              .all()
              .get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + name, e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A time base well inside the broker's retention, truncated to whole minutes. */
  public static Instant base() {
    return Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
  }

  /**
   * A draft audit record of {@code pack}; record i concerns operation op-(i/2) and deployment
   * dep-(i%3).
   */
  public static AuditRecord draft(String pack, int i, Instant recordedAt) {
    boolean decision = i % 2 == 1;
    return AuditChain.draft()
        .setPack(pack)
        .setPackVersion("1.0.0")
        .setRecordedAt(recordedAt)
        .setEventType(decision ? AuditEventType.DECISION : AuditEventType.OPERATION_RECEIVED)
        .setOperationId("op-" + (i / 2))
        .setOperation("scale")
        .setDeploymentId("dep-" + (i % 3))
        .setAgentId(i % 4 == 0 ? null : "agent-" + i)
        .setActorId(decision ? "palm-system" : "alice")
        .setActorType(decision ? "system" : "human")
        .setDecision(decision ? Decision.ALLOWED : null)
        .setRuleIds(decision ? List.of("limits.max_scale_up") : List.of())
        .setReasonCodes(decision ? List.of("WITHIN_LIMITS") : List.of())
        .setMessages(List.of("record " + i + ", with a comma and \"quotes\""))
        .setDetails(
            List.of(
                new AuditDetail("replicas", Integer.toString(i)), new AuditDetail("env", "prod")))
        .setSource(new SourcePosition("palm.operations", 0, (long) i))
        .build();
  }

  /** A valid chain of {@code n} records from genesis, one every {@code step} from {@code t0}. */
  public static List<AuditRecord> chain(String pack, int n, Instant t0, Duration step) {
    AuditChain chain = new AuditChain(IntegrityAlgorithm.SHA256);
    ChainHead head = chain.genesis();
    List<AuditRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AuditRecord appended = chain.append(head, draft(pack, i, t0.plus(step.multipliedBy(i))));
      head = head.next(appended);
      records.add(appended);
    }
    return records;
  }

  /**
   * Writes audit records to the pack's audit topic, each with its {@code recorded_at} as Kafka
   * timestamp.
   */
  public static void writeAudit(ClientConfig config, String pack, List<AuditRecord> records) {
    try (KafkaProducer<String, AuditRecord> producer =
        new KafkaProducer<>(
            config.kafka(),
            new StringSerializer(),
            config.serdes().valueSerializer(AuditRecord.class))) {
      for (AuditRecord record : records) {
        producer.send(
            new ProducerRecord<>(
                config.layout().audit(pack).name(),
                null,
                record.getRecordedAt().toEpochMilli(),
                pack,
                record));
      }
      producer.flush();
    }
  }

  /** Writes one Avro value with a plain producer, with the given Kafka timestamp. */
  public static <V extends SpecificRecord> void write(
      ClientConfig config, String topic, Class<V> type, String key, V value, Instant timestamp) {
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            config.kafka(), new StringSerializer(), config.serdes().valueSerializer(type))) {
      producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value));
      producer.flush();
    }
  }

  /**
   * Sets {@code topic}'s {@code retention.ms} ({@code -1}: forever, as iBank's audit topic) and an
   * unlimited {@code retention.bytes}.
   */
  public static void retention(ClientConfig config, String topic, String retentionMs)
      throws Exception {
    try (Admin admin = Admin.create(config.kafka())) {
      org.apache.kafka.common.config.ConfigResource resource =
          new org.apache.kafka.common.config.ConfigResource(
              org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
      admin
          .incrementalAlterConfigs(
              java.util.Map.of(
                  resource,
                  List.of(
                      new org.apache.kafka.clients.admin.AlterConfigOp(
                          new org.apache.kafka.clients.admin.ConfigEntry(
                              "retention.ms", retentionMs),
                          org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET),
                      new org.apache.kafka.clients.admin.AlterConfigOp(
                          new org.apache.kafka.clients.admin.ConfigEntry("retention.bytes", "-1"),
                          org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))))
          .all()
          .get();
    }
  }

  /**
   * Deletes the records of partition 0 of {@code topic} before {@code offset}, as an attacker can.
   */
  public static void deleteBefore(ClientConfig config, String topic, long offset) throws Exception {
    try (Admin admin = Admin.create(config.kafka())) {
      admin
          .deleteRecords(
              java.util.Map.of(
                  new org.apache.kafka.common.TopicPartition(topic, 0),
                  org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(offset)))
          .all()
          .get();
    }
  }

  /** Writes raw bytes (e.g. garbage a broken producer wrote) with a plain producer. */
  public static void writeRaw(
      ClientConfig config, String topic, String key, byte[] value, Instant timestamp) {
    Properties props = config.kafka();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value));
      producer.flush();
    }
  }

  /** Every record of a one-partition topic: key and decoded value. */
  public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> readAll(
      ClientConfig config, String topic, Class<V> type) {
    Properties props = config.kafka();
    props.setProperty("isolation.level", "read_committed");
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            props, new StringDeserializer(), config.serdes().valueDeserializer(type))) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      List<ConsumerRecord<String, V>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
