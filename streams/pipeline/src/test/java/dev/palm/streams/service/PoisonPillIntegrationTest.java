package dev.palm.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.ApprovalVerdict;
import dev.palm.events.Decision;
import dev.palm.events.DecisionKind;
import dev.palm.events.OperationOutcome;
import dev.palm.events.OperationRequested;
import dev.palm.events.OutcomeStatus;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.MapleversePack;
import dev.palm.streams.dlq.DeadLetters;
import dev.palm.wire.TopicLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Poison pills in every input topic the pipeline reads, on the real broker and registry: garbage
 * bytes, bytes that look like the wire format but name no schema, a valid event of the wrong type,
 * a record without key and a tombstone all end up in the dead-letter topic byte for byte, with
 * headers naming their topic, partition, offset and reason, while the operations and outcomes
 * published after them are still handled.
 */
@Tag("integration")
class PoisonPillIntegrationTest {

  /** A pill: what is sent, and the phrase its dead letter's reason must contain. */
  private record Pill(String topic, byte[] key, byte[] value, String reason) {}

  @Test
  void poisonPillsGoToTheDeadLetterTopicAndLaterRecordsAreStillDecided() throws Exception {
    PipelineConfig config = TestPipelines.config("poison");
    List<PlatformPack> packs = List.of(MapleversePack.mapleverse());
    TopicLayout layout = config.layout();
    String pack = "mapleverse";
    try (PalmService service = PalmService.create(config, packs)) {
      service.start();
      byte[] key = pack.getBytes(StandardCharsets.UTF_8);
      byte[] garbage = "\u0007this is not avro at all".getBytes(StandardCharsets.UTF_8);
      byte[] unknownSchema = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4, 6};
      byte[] wrongType;
      try (Serializer<ApprovalResponse> serializer =
          service.serdes().valueSerializer(ApprovalResponse.class)) {
        // an approval response in the right wire format, later sent to the operations topic: wrong
        // type
        wrongType =
            serializer.serialize(
                layout.approvalResponses().name(),
                ApprovalResponse.newBuilder()
                    .setOperationId("x")
                    .setPack(pack)
                    .setApprover(Actor.newBuilder().setId("alice").setType(ActorType.HUMAN).build())
                    .setVerdict(ApprovalVerdict.APPROVE)
                    .setRespondedAt(Instant.now())
                    .build());
      }
      List<Pill> pills = new ArrayList<>();
      for (String topic :
          List.of(
              layout.operations().name(),
              layout.approvalResponses().name(),
              layout.holdReleases().name(),
              layout.outcomes().name())) {
        pills.add(new Pill(topic, key, garbage, "does not deserialize"));
        pills.add(new Pill(topic, key, unknownSchema, "does not deserialize"));
        pills.add(new Pill(topic, null, garbage, "no key"));
        pills.add(new Pill(topic, key, null, "tombstone"));
      }
      pills.add(new Pill(layout.operations().name(), key, wrongType, "does not deserialize"));
      pills.add(new Pill(layout.outcomes().name(), key, wrongType, "does not deserialize"));

      try (KafkaProducer<byte[], byte[]> producer = producer(service);
          Serializer<OperationRequested> operations =
              service.serdes().valueSerializer(OperationRequested.class)) {
        Map<Pill, RecordMetadata> sent = new HashMap<>();
        for (Pill pill : pills) {
          sent.put(
              pill,
              producer.send(new ProducerRecord<>(pill.topic(), pill.key(), pill.value())).get());
        }
        // valid operations after the pills, on the same partitions
        List<String> ids = List.of("after-pills-1", "after-pills-2");
        producer
            .send(
                new ProducerRecord<>(
                    layout.operations().name(),
                    key,
                    operations.serialize(
                        layout.operations().name(),
                        operation(ids.get(0), pack, "create_deployment"))))
            .get();
        producer
            .send(
                new ProducerRecord<>(
                    layout.operations().name(),
                    key,
                    operations.serialize(
                        layout.operations().name(), operation(ids.get(1), pack, "restart"))))
            .get();
        // and an outcome after the pills on the outcomes topic: an execution that was never allowed
        try (Serializer<OperationOutcome> outcomes =
            service.serdes().valueSerializer(OperationOutcome.class)) {
          producer
              .send(
                  new ProducerRecord<>(
                      layout.outcomes().name(),
                      key,
                      outcomes.serialize(
                          layout.outcomes().name(),
                          OperationOutcome.newBuilder()
                              .setOperationId("never-allowed")
                              .setPack(pack)
                              .setDeploymentId("dep-1")
                              .setStatus(OutcomeStatus.SUCCEEDED)
                              .setExecutedBy(
                                  Actor.newBuilder()
                                      .setId("deployer")
                                      .setType(ActorType.SERVICE)
                                      .build())
                              .setExecutedAt(Instant.now())
                              .build())))
              .get();
        }

        List<ConsumerRecord<byte[], byte[]>> deadLetters =
            read(service, layout.dlq().name(), pills.size());
        assertThat(deadLetters).hasSize(pills.size());
        for (Pill pill : pills) {
          RecordMetadata where = sent.get(pill);
          assertThat(deadLetters)
              .as("dead letter of a pill at " + where)
              .anySatisfy(
                  dl -> {
                    assertThat(header(dl, DeadLetters.TOPIC)).isEqualTo(pill.topic());
                    assertThat(header(dl, DeadLetters.PARTITION))
                        .isEqualTo(Integer.toString(where.partition()));
                    assertThat(header(dl, DeadLetters.OFFSET))
                        .isEqualTo(Long.toString(where.offset()));
                    assertThat(header(dl, DeadLetters.REASON)).contains(pill.reason());
                    assertThat(dl.key()).isEqualTo(pill.key());
                    assertThat(dl.value()).isEqualTo(pill.value());
                  });
        }

        List<ConsumerRecord<byte[], byte[]>> decided =
            read(service, layout.decisions(pack).name(), 3);
        try (Deserializer<PolicyDecision> d =
            service.serdes().valueDeserializer(PolicyDecision.class)) {
          List<PolicyDecision> all =
              decided.stream().map(r -> d.deserialize(r.topic(), r.value())).toList();
          List<PolicyDecision> decisions =
              all.stream().filter(x -> x.getKind() == DecisionKind.DECISION).toList();
          assertThat(decisions)
              .extracting(PolicyDecision::getOperationId)
              .containsExactlyElementsOf(ids);
          assertThat(decisions)
              .extracting(PolicyDecision::getDecision)
              .containsOnly(Decision.ALLOWED);
          assertThat(all)
              .filteredOn(x -> x.getKind() == DecisionKind.ALERT)
              .singleElement()
              .satisfies(
                  alert -> {
                    assertThat(alert.getOperationId()).isEqualTo("never-allowed");
                    assertThat(alert.getReasonCodes()).containsExactly("UNAUTHORIZED_EXECUTION");
                  });
        }
      }
    } finally {
      TestPipelines.delete(config.stateDir());
    }
  }

  private static OperationRequested operation(String id, String pack, String name) {
    return OperationRequested.newBuilder()
        .setOperationId(id)
        .setPack(pack)
        .setOperation(name)
        .setDeploymentId("dep-1")
        .setActor(Actor.newBuilder().setId("agent-1").setType(ActorType.AGENT).build())
        .setRequestedAt(Instant.now())
        .setTargetReplicas(2)
        .setParameters(Map.of())
        .build();
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return DeadLetters.header(record.headers(), name);
  }

  private static KafkaProducer<byte[], byte[]> producer(PalmService service) {
    Map<String, Object> props = new HashMap<>(service.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Reads committed records of partition 0 of {@code topic} from the start until {@code count}
   * arrived.
   */
  private static List<ConsumerRecord<byte[], byte[]>> read(
      PalmService service, String topic, int count) {
    Map<String, Object> props = new HashMap<>(service.clientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      // a short extra poll shows records beyond the expected ones, if any
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }
    return records;
  }
}
