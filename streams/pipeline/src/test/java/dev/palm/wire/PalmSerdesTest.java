package dev.palm.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.events.Decision;
import dev.palm.streams.infra.SharedInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class PalmSerdesTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void valuesUseConfluentWireFormatWithAnIdTheCcompatApiServes() throws Exception {
    PalmSerdes serdes = SharedInfra.serdes();
    String topic = SharedInfra.uniquePrefix("wire") + ".audit";
    AuditRecord record = auditRecord(7);

    byte[] bytes;
    try (Serde<AuditRecord> serde = serdes.valueSerde(AuditRecord.class)) {
      bytes = serde.serializer().serialize(topic, record);
      assertThat(serde.deserializer().deserialize(topic, bytes)).isEqualTo(record);
    }

    assertThat(bytes[0]).as("magic byte").isEqualTo((byte) 0);
    int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
    JsonNode byId = getJson(SharedInfra.registry().url() + "/schemas/ids/" + schemaId);
    assertThat(byId.path("references")).as("self-contained schema").isEmpty();
    Schema registered = new Schema.Parser().parse(byId.get("schema").asText());
    assertThat(SchemaNormalization.toParsingForm(registered))
        .isEqualTo(SchemaNormalization.toParsingForm(AuditRecord.getClassSchema()));
    JsonNode latest =
        getJson(SharedInfra.registry().url() + "/subjects/" + topic + "-value/versions/latest");
    assertThat(latest.get("id").asInt()).isEqualTo(schemaId);

    // what a Confluent-style consumer does: skip the 5-byte header and decode with the registered
    // schema
    GenericRecord generic =
        new GenericDatumReader<GenericRecord>(registered)
            .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
    assertThat(generic.get("hash").toString()).isEqualTo(record.getHash());
    assertThat(generic.get("sequence")).isEqualTo(7L);
  }

  @Test
  void plainProducerAndConsumerRoundTripThroughTheBroker() throws Exception {
    PalmSerdes serdes = SharedInfra.serdes();
    String topic = SharedInfra.uniquePrefix("roundtrip") + ".audit";
    try (Admin admin = Admin.create(SharedInfra.kafka().clientConfig())) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    List<AuditRecord> sent = List.of(auditRecord(0), auditRecord(1), auditRecord(2));

    try (var producer =
        new KafkaProducer<>(
            SharedInfra.kafka().clientConfig(),
            new StringSerializer(),
            serdes.valueSerializer(AuditRecord.class))) {
      for (AuditRecord record : sent) {
        producer
            .send(new ProducerRecord<>(topic, record.getPack(), record))
            .get(30, TimeUnit.SECONDS);
      }
    }

    List<AuditRecord> received = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            new HashMap<>(SharedInfra.kafka().clientConfig()),
            new StringDeserializer(),
            serdes.valueDeserializer(AuditRecord.class))) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      for (int polls = 0; received.size() < sent.size() && polls < 100; polls++) {
        for (ConsumerRecord<String, AuditRecord> r : consumer.poll(Duration.ofMillis(200))) {
          assertThat(r.headers().toArray()).as("no serde headers").isEmpty();
          received.add(r.value());
        }
      }
    }
    assertThat(received).containsExactlyElementsOf(sent);
  }

  @Test
  void aValueOfAnotherTypeIsASerializationExceptionNamingTheTopic() {
    PalmSerdes serdes = SharedInfra.serdes();
    String topic = SharedInfra.uniquePrefix("mixed") + ".checkpoints";
    byte[] checkpointBytes =
        serdes.valueSerializer(Checkpoint.class).serialize(topic, checkpoint());

    assertThatThrownBy(
            () -> serdes.valueDeserializer(AuditRecord.class).deserialize(topic, checkpointBytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(topic)
        .hasMessageContaining(Checkpoint.class.getName())
        .hasMessageContaining(AuditRecord.class.getName());
  }

  @Test
  void bytesNotInTheWireFormatAreASerializationException() {
    PalmSerdes serdes = SharedInfra.serdes();

    assertThatThrownBy(
            () ->
                serdes
                    .valueDeserializer(AuditRecord.class)
                    .deserialize(
                        "palm.x.audit",
                        "{\"not\":\"avro\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("palm.x.audit")
        .hasMessageContaining("wire format");
    assertThat(serdes.valueDeserializer(AuditRecord.class).deserialize("palm.x.audit", null))
        .isNull();
  }

  @Test
  void configNamesTheRegistryWithConfluentsSettings() {
    Map<String, Object> config = PalmSerdes.config("http://127.0.0.1:8080/apis/ccompat/v7/");

    assertThat(config)
        .containsExactly(Map.entry("schema.registry.url", "http://127.0.0.1:8080/apis/ccompat/v7"));
    assertThat(
            PalmSerdes.config(
                "http://reg:1",
                Map.of(
                    "basic.auth.user.info",
                    "u:p",
                    "sasl.mechanism",
                    "PLAIN",
                    "schema.registry.url",
                    "http://other:2")))
        .containsEntry("schema.registry.url", "http://reg:1")
        .containsEntry("basic.auth.user.info", "u:p")
        .doesNotContainKey("sasl.mechanism");
    assertThatThrownBy(() -> PalmSerdes.checkedUrl("reg:8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reg:8080");
    assertThatThrownBy(() -> PalmSerdes.fromConfig(Map.of("auto.register.schemas", true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema.registry.url");
  }

  private static JsonNode getJson(String url) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET " + url + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static AuditRecord auditRecord(long sequence) {
    return AuditRecord.newBuilder()
        .setPack("ibank")
        .setPackVersion("1.0.0")
        .setSequence(sequence)
        .setPrevHash("0".repeat(64))
        .setHash(String.format("%064x", sequence + 1))
        .setAlgorithm("sha256")
        .setRecordedAt(Instant.parse("2026-01-02T03:04:05.678Z").plus(sequence, ChronoUnit.SECONDS))
        .setEventType(AuditEventType.DECISION)
        .setOperationId("op-" + sequence)
        .setOperation("scale")
        .setActorId("agent-7")
        .setActorType("agent")
        .setDecision(Decision.ALLOWED)
        .setRuleIds(List.of("limits.rate"))
        .setDetails(List.of(new AuditDetail("replicas", "3")))
        .build();
  }

  private static Checkpoint checkpoint() {
    return Checkpoint.newBuilder()
        .setPack("ibank")
        .setPackVersion("1.0.0")
        .setCheckpointId(0)
        .setCreatedAt(Instant.parse("2026-01-02T03:04:05Z"))
        .setFirstSequence(0)
        .setLastSequence(9)
        .setHeadHash("a".repeat(64))
        .setMerkleRoot("b".repeat(64))
        .setAlgorithm("sha256")
        .setStateSummary(List.of())
        .setSignature("c2lnbmF0dXJl")
        .setSigningKeyId("key-1")
        .setPublicKey("cHVibGlj")
        .build();
  }
}
