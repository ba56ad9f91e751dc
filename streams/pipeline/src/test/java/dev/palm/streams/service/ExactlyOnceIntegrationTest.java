package dev.palm.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import dev.palm.events.AuditRecord;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import dev.palm.streams.query.AuditTrails;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across a restart of the streams instance, on the real broker and registry:
 * operations are published, the pipeline is closed while it is still working through them, a new
 * instance with the same application id and state folder takes over, the rest is published; every
 * operation then has exactly one decision and exactly one decision-bearing audit record, and each
 * pack's committed audit trail is the gapless sequence 0..n-1 that verifies from genesis.
 */
@Tag("integration")
class ExactlyOnceIntegrationTest {

  @Test
  void noAuditRecordIsDuplicatedOrLostWhenTheStreamsInstanceIsReplacedMidStream() throws Exception {
    PipelineConfig config = TestPipelines.config("exactly-once");
    List<PlatformPack> packs = List.of(MapleversePack.mapleverse(), IBankPack.ibank());
    TopicLayout layout = config.layout();
    try {
      PalmService first = PalmService.create(config, packs);
      first.start();
      try (KafkaProducer<String, byte[]> producer = producer(first);
          DecisionCounter decisions = new DecisionCounter(first, packs);
          Trickle trickle = new Trickle(producer, first.serdes(), layout, packs)) {
        // operations keep arriving while the first instance works, closes, and the second one
        // starts
        trickle.start();
        decisions.awaitAtLeast(30, Duration.ofSeconds(60));
        int publishedBeforeClose = trickle.published();
        first.close();
        assertThat(first.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        int publishedDuringDowntime;
        try (PalmService second = PalmService.create(config, packs)) {
          publishedDuringDowntime = trickle.published() - publishedBeforeClose;
          second.start();
          decisions.awaitAtLeast(trickle.published() + 50, Duration.ofSeconds(60));
          List<String> operationIds = trickle.stop();
          assertThat(publishedDuringDowntime)
              .as("operations published while no instance ran")
              .isPositive();
          decisions.awaitAtLeast(operationIds.size(), Duration.ofSeconds(120));
          // give a duplicate, if there were one, time to reach the topic before counting
          decisions.awaitAtLeast(operationIds.size() + 1, Duration.ofSeconds(3));

          assertThat(decisions.perOperation().keySet())
              .containsExactlyInAnyOrderElementsOf(operationIds);
          assertThat(decisions.perOperation())
              .allSatisfy((id, count) -> assertThat(count).as("decisions for " + id).isEqualTo(1));
          verifyAuditTrails(second, packs, operationIds);
        }
      }
    } finally {
      TestPipelines.delete(config.stateDir());
    }
  }

  private static void verifyAuditTrails(
      PalmService service, List<PlatformPack> packs, List<String> operationIds) {
    Set<String> ours = Set.copyOf(operationIds);
    AuditTrails trails =
        new AuditTrails(
            service.clientProperties(), service.serdes(), service.layout(), Duration.ofSeconds(60));
    for (PlatformPack pack : packs) {
      String name = pack.metadata().name();
      AuditTrails.PackAudit audit = trails.read(pack, r -> true);
      assertThat(audit.verification().intact()).as(audit.verification().message()).isTrue();
      List<Long> sequences = audit.kept().stream().map(AuditRecord::getSequence).toList();
      assertThat(sequences)
          .as(name + " sequences")
          .isEqualTo(LongStream.range(0, sequences.size()).boxed().toList());
      Map<String, Integer> decided = new HashMap<>();
      audit.kept().stream()
          .filter(r -> r.getDecision() != null && ours.contains(r.getOperationId()))
          .forEach(r -> decided.merge(r.getOperationId(), 1, Integer::sum));
      long packOperations = operationIds.stream().filter(id -> id.startsWith(name + "-")).count();
      assertThat(decided)
          .as(name + " decision-bearing audit records")
          .hasSize((int) packOperations)
          .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    }
  }

  /**
   * Publishes operations alternating between the packs, one every few milliseconds, until stopped.
   */
  private static final class Trickle implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Serializer<OperationRequested> serializer;
    private final String topic;
    private final List<PlatformPack> packs;
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile Exception failure;

    Trickle(
        KafkaProducer<String, byte[]> producer,
        PalmSerdes serdes,
        TopicLayout layout,
        List<PlatformPack> packs) {
      this.producer = producer;
      this.serializer = serdes.valueSerializer(OperationRequested.class);
      this.topic = layout.operations().name();
      this.packs = packs;
      this.thread = new Thread(this::publishUntilStopped, "exactly-once-trickle");
    }

    void start() {
      thread.start();
    }

    int published() {
      return ids.size();
    }

    private void publishUntilStopped() {
      try {
        for (int i = 0; running.get(); i++) {
          String pack = packs.get(i % packs.size()).metadata().name();
          String id = pack + "-op-" + i;
          // the first operation of each pack creates the deployment the others restart
          String operation = i < packs.size() ? "create_deployment" : "restart";
          OperationRequested op =
              OperationRequested.newBuilder()
                  .setOperationId(id)
                  .setPack(pack)
                  .setOperation(operation)
                  .setDeploymentId(pack + "-dep")
                  .setAgentId("agent-7")
                  .setActor(Actor.newBuilder().setId("agent-7").setType(ActorType.AGENT).build())
                  .setRequestedAt(Instant.now())
                  .setTargetReplicas(2)
                  .setParameters(Map.of())
                  .build();
          producer.send(new ProducerRecord<>(topic, pack, serializer.serialize(topic, op))).get();
          ids.add(id);
          Thread.sleep(5);
        }
      } catch (Exception e) {
        failure = e;
      }
    }

    /** Stops publishing and returns the ids of every operation published. */
    List<String> stop() throws Exception {
      running.set(false);
      thread.join();
      if (failure != null) {
        throw failure;
      }
      return List.copyOf(ids);
    }

    @Override
    public void close() throws Exception {
      running.set(false);
      thread.join();
      serializer.close();
    }
  }

  private static KafkaProducer<String, byte[]> producer(PalmService service) {
    Map<String, Object> props = new HashMap<>(service.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Counts committed decisions per operation id on the packs' decisions topics. */
  private static final class DecisionCounter implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<PolicyDecision> deserializer;
    private final Map<String, Integer> perOperation = new HashMap<>();
    private int total;

    DecisionCounter(PalmService service, List<PlatformPack> packs) {
      Map<String, Object> props = new HashMap<>(service.clientProperties());
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> partitions =
          packs.stream()
              .map(
                  p ->
                      new TopicPartition(service.layout().decisions(p.metadata().name()).name(), 0))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      deserializer = service.serdes().valueDeserializer(PolicyDecision.class);
    }

    void awaitAtLeast(int count, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (total < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          PolicyDecision d = deserializer.deserialize(r.topic(), r.value());
          perOperation.merge(d.getOperationId(), 1, Integer::sum);
          total++;
        }
      }
    }

    int total() {
      return total;
    }

    Map<String, Integer> perOperation() {
      return Map.copyOf(perOperation);
    }

    @Override
    public void close() {
      consumer.close();
      deserializer.close();
    }
  }
}
