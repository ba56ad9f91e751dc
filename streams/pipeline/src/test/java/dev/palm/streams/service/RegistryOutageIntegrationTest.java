package dev.palm.streams.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.audit.ChainVerifier;
import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import dev.palm.events.AuditRecord;
import dev.palm.events.DecisionKind;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.MapleversePack;
import dev.palm.registry.CompatibilityLevel;
import dev.palm.registry.RegistryConfig;
import dev.palm.registry.SchemaRegistryClient;
import dev.palm.registry.SchemaVersions;
import dev.palm.registry.WireFormat;
import dev.palm.streams.infra.RegistryServer;
import dev.palm.streams.infra.SharedInfra;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
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
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real registry process stopped and restarted under load: operations whose schema id the
 * pipeline has not seen yet cannot be decoded while it is down. They wait (nothing goes to the
 * dead-letter topic, no effect without its decision), the pipeline stays alive, and once the
 * registry is back every operation gets exactly one decision and the audit chain verifies.
 */
@Tag("integration")
class RegistryOutageIntegrationTest {

  private static final String PACK = "mapleverse";

  @Test
  void registryStoppedAndRestartedMidLoadDelaysDecisionsButLosesAndDeadLettersNothing(
      @TempDir Path temp) throws Exception {
    Path data = temp.resolve("registry-data");
    RegistryServer registry =
        RegistryServer.builder().dataDirectory(data).logDirectory(temp.resolve("logs")).start();
    int port = registry.port();
    String prefix = SharedInfra.uniquePrefix("outage");
    PipelineConfig config =
        PipelineConfig.builder()
            .bootstrapServers(SharedInfra.bootstrapServers())
            .registryUrl(registry.url())
            .stateDir(temp.resolve("state"))
            .applicationId(prefix)
            .topicPrefix(prefix)
            .commitInterval(Duration.ofMillis(100))
            .build();
    TopicLayout layout = config.layout();
    List<PlatformPack> packs = List.of(MapleversePack.mapleverse());
    try (PalmService service = PalmService.create(config, packs);
        KafkaProducer<byte[], byte[]> producer = producer()) {
      service.start();
      String operations = layout.operations().name();
      String subject = operations + "-value";

      // Phase 1, registry up: operations in the pipeline's current schema
      PalmSerdes clientSerdes = PalmSerdes.forRegistry(registry.url());
      var serializer = clientSerdes.valueSerializer(OperationRequested.class);
      List<String> before = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String id = "before-" + i;
        before.add(id);
        send(producer, operations, serializer.serialize(operations, operation(id, i)));
      }
      assertThat(decisions(service, layout, before.size())).hasSize(before.size());

      // A platform moves to a newer compatible schema version (one optional field more); the
      // pipeline has
      // never seen its id. Its records are framed now, while the registry still answers.
      SchemaRegistryClient admin = new SchemaRegistryClient(RegistryConfig.of(registry.url()));
      assertThat(admin.subjectCompatibility(subject))
          .as("set by PALM at start")
          .contains(CompatibilityLevel.BACKWARD_TRANSITIVE);
      Schema current = SpecificData.get().getSchema(OperationRequested.class);
      Schema newer = SchemaVersions.withOptionalField(current, "platform_region");
      int newerId = admin.register(subject, newer);
      List<String> during = new ArrayList<>();
      List<byte[]> framed = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String id = "during-" + i;
        during.add(id);
        framed.add(WireFormat.frame(newerId, newerBytes(current, newer, operation(id, 100 + i))));
      }

      // Phase 2: the registry process stops; the new records arrive
      registry.close();
      for (byte[] value : framed) {
        send(producer, operations, value);
      }
      Thread.sleep(8_000);
      assertThat(count(service, layout.dlq().name()))
          .as("nothing dead-lettered for an outage")
          .isZero();
      assertThat(decisionCount(service, layout))
          .as("nothing decided without the registry")
          .isEqualTo(before.size());
      assertThat(service.state())
          .as("the pipeline is alive")
          .isNotIn(
              KafkaStreams.State.ERROR,
              KafkaStreams.State.NOT_RUNNING,
              KafkaStreams.State.PENDING_SHUTDOWN);
      assertThat(service.failure()).isEmpty();

      // Phase 3: the registry comes back at the same URL with its data; the pipeline catches up by
      // itself
      registry =
          RegistryServer.builder()
              .dataDirectory(data)
              .logDirectory(temp.resolve("logs"))
              .port(port)
              .start();
      int total = before.size() + during.size();
      List<PolicyDecision> all = decisions(service, layout, total);
      Map<String, Long> perOperation =
          all.stream()
              .filter(d -> d.getKind() == DecisionKind.DECISION)
              .collect(
                  Collectors.groupingBy(PolicyDecision::getOperationId, Collectors.counting()));
      List<String> expected = new ArrayList<>(before);
      expected.addAll(during);
      assertThat(perOperation.keySet()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(perOperation.values()).as("exactly one decision per operation").containsOnly(1L);
      assertThat(count(service, layout.dlq().name())).isZero();
      assertThat(service.failure()).isEmpty();

      // the pipeline's start, then one record per decision (Mapleverse has no pre-audit)
      List<AuditRecord> audit =
          read(
              service,
              layout.audit(PACK).name(),
              total + 1,
              clientSerdes.valueDeserializer(AuditRecord.class));
      assertThat(audit).hasSizeGreaterThanOrEqualTo(total + 1);
      assertThat(
              ChainVerifier.fromGenesis()
                  .expectingPack(PACK)
                  .acceptAll(audit.iterator())
                  .result()
                  .intact())
          .isTrue();
    } finally {
      registry.close();
    }
  }

  @Test
  void aRegistryThatIsDownAtStartIsAOneLineErrorNamingTheUrl(@TempDir Path temp) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    PipelineConfig config =
        PipelineConfig.builder()
            .bootstrapServers(SharedInfra.bootstrapServers())
            .registryUrl(url)
            .stateDir(temp.resolve("state"))
            .applicationId(SharedInfra.uniquePrefix("no-registry"))
            .build();
    long start = System.nanoTime();
    try (PalmService service = PalmService.create(config, List.of(MapleversePack.mapleverse()))) {
      assertThatThrownBy(service::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Cannot reach the schema registry at " + url)
          .hasMessageContaining("--registry-url")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("bounded, not a hang")
        .isLessThan(Duration.ofSeconds(60));
  }

  private static OperationRequested operation(String id, int deployment) {
    return OperationRequested.newBuilder()
        .setOperationId(id)
        .setPack(PACK)
        .setOperation("create_deployment")
        .setDeploymentId("dep-" + deployment)
        .setActor(Actor.newBuilder().setId("agent-1").setType(ActorType.AGENT).build())
        .setRequestedAt(Instant.now())
        .setTargetReplicas(1)
        .setParameters(Map.of())
        .build();
  }

  /** {@code op} encoded under {@code newer}: every current field, and the added one set. */
  private static byte[] newerBytes(Schema current, Schema newer, OperationRequested op)
      throws IOException {
    GenericRecord record = new GenericData.Record(newer);
    for (Schema.Field f : current.getFields()) {
      record.put(f.name(), SpecificData.get().deepCopy(f.schema(), op.get(f.pos())));
    }
    record.put("platform_region", "eu-west");
    return SchemaVersions.plainAvro(newer, record);
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    Map<String, Object> props = new HashMap<>(SharedInfra.kafka().clientConfig());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, PACK.getBytes(StandardCharsets.UTF_8), value)).get();
  }

  private static List<PolicyDecision> decisions(
      PalmService service, TopicLayout layout, int count) {
    return read(
        service,
        layout.decisions(PACK).name(),
        count,
        PalmSerdes.forRegistry(service.config().registryUrl())
            .valueDeserializer(PolicyDecision.class));
  }

  private static long decisionCount(PalmService service, TopicLayout layout) {
    return count(service, layout.decisions(PACK).name());
  }

  /** Committed records of partition 0 of {@code topic} now (bytes only: needs no registry). */
  private static long count(PalmService service, String topic) {
    return readRaw(service, topic, Integer.MAX_VALUE, Duration.ofSeconds(2)).size();
  }

  private static <T> List<T> read(
      PalmService service, String topic, int count, Deserializer<T> deserializer) {
    Function<ConsumerRecord<byte[], byte[]>, T> decode =
        r -> deserializer.deserialize(r.topic(), r.value());
    return readRaw(service, topic, count, Duration.ofSeconds(120)).stream().map(decode).toList();
  }

  private static List<ConsumerRecord<byte[], byte[]>> readRaw(
      PalmService service, String topic, int count, Duration timeout) {
    Map<String, Object> props = new HashMap<>(service.clientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      consumer.poll(Duration.ofMillis(300)).forEach(records::add);
    }
    return records;
  }
}
