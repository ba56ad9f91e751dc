package dev.palm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.events.ApprovalRequest;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationOutcome;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.streams.infra.SharedInfra;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Confluent wire-format serde against the real embedded registry, as other Kafka clients see
 * it.
 */
@Tag("integration")
class AvroSerdeTest {

  /** Every event PALM reads or writes. */
  private static final List<Class<? extends SpecificRecord>> EVENTS =
      List.of(
          OperationRequested.class,
          ApprovalResponse.class,
          HoldRelease.class,
          OperationOutcome.class,
          PolicyDecision.class,
          ApprovalRequest.class,
          AuditRecord.class,
          Checkpoint.class);

  private static SchemaRegistryClient client() {
    return new SchemaRegistryClient(RegistryConfig.of(SharedInfra.registryUrl()));
  }

  @Test
  void everyEventRoundTripsAndPlainAvroReadsItWithTheRegisteredWriterSchema() throws Exception {
    for (Class<? extends SpecificRecord> type : EVENTS) {
      roundTrip(type);
    }
  }

  private static <T extends SpecificRecord> void roundTrip(Class<T> type) throws IOException {
    String topic = SharedInfra.uniquePrefix("rt-" + type.getSimpleName());
    AvroSerde<T> serde = new AvroSerde<>(type, client());
    for (T value : randomValues(type, 5)) {
      byte[] bytes = serde.serializer().serialize(topic, value);
      assertThat(serde.deserializer().deserialize(topic, bytes))
          .as(type.getSimpleName())
          .isEqualTo(value);

      // what any Confluent-compatible consumer does: id from the header, writer schema from
      // /schemas/ids/{id}
      int id = WireFormat.schemaId(topic, bytes);
      Schema writer = client().schemaById(id);
      GenericData model = new GenericData();
      model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
      GenericRecord generic =
          new GenericDatumReader<GenericRecord>(writer, writer, model)
              .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
      assertThat(generic.toString()).isEqualTo(GenericData.get().toString(value));
    }
    assertThat(client().latest(topic + "-value").orElseThrow().schema())
        .isEqualTo(SpecificData.get().getSchema(type));
  }

  @Test
  void aRecordFramedByAThirdPartyWriterIsRead() throws Exception {
    String topic = SharedInfra.uniquePrefix("third-party");
    Schema schema = SpecificData.get().getSchema(HoldRelease.class);
    int id = client().register(topic + "-value", schema);
    HoldRelease value = randomValues(HoldRelease.class, 1).get(0);
    byte[] avro = SchemaVersions.plainAvro(schema, value);

    byte[] framed = WireFormat.frame(id, avro);
    assertThat(framed[0]).isEqualTo((byte) 0);
    assertThat(new AvroDeserializer<>(HoldRelease.class, client()).deserialize(topic, framed))
        .isEqualTo(value);
  }

  @Test
  void aValueWrittenUnderANewerSchemaVersionIsReadByTheCurrentClass() throws Exception {
    String topic = SharedInfra.uniquePrefix("evolution");
    String subject = topic + "-value";
    SchemaRegistryClient client = client();
    Schema current = SpecificData.get().getSchema(OperationOutcome.class);
    client.register(subject, current);
    client.setSubjectCompatibility(subject, CompatibilityLevel.BACKWARD_TRANSITIVE);
    Schema newer = SchemaVersions.withOptionalField(current, "executor_region");
    assertThat(client.testCompatibility(subject, newer).compatible()).isTrue();
    int newerId = client.register(subject, newer);

    OperationOutcome original = randomValues(OperationOutcome.class, 1).get(0);
    GenericRecord written = new GenericData.Record(newer);
    for (Schema.Field f : current.getFields()) {
      written.put(f.name(), GenericData.get().deepCopy(f.schema(), original.get(f.pos())));
    }
    written.put("executor_region", "eu-west");
    byte[] framed = WireFormat.frame(newerId, SchemaVersions.plainAvro(newer, written));

    OperationOutcome read =
        new AvroDeserializer<>(OperationOutcome.class, client()).deserialize(topic, framed);
    assertThat(read).isEqualTo(original);
  }

  @Test
  void poisonPillsAreSerializationErrorsNamingTheIdNeverOutages() {
    String topic = SharedInfra.uniquePrefix("poison");
    AvroDeserializer<AuditRecord> reader = new AvroDeserializer<>(AuditRecord.class, client());

    assertThatThrownBy(
            () -> reader.deserialize(topic, WireFormat.frame(876_543, new byte[] {2, 4})))
        .isInstanceOf(SerializationException.class)
        .isNotInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("schema id 876543")
        .hasMessageContaining("does not have");
    assertThatThrownBy(() -> reader.deserialize(topic, new byte[] {1, 0, 0, 0, 1, 9}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("magic byte");
    assertThatThrownBy(() -> reader.deserialize(topic, new byte[] {0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("too short");

    int id = new AvroSerializer<>(AuditRecord.class, client()).warm(topic);
    assertThatThrownBy(
            () -> reader.deserialize(topic, WireFormat.frame(id, new byte[] {(byte) 0xff, 1, 2})))
        .isInstanceOf(SerializationException.class)
        .isNotInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("not valid Avro for schema id " + id);
    int otherType = new AvroSerializer<>(Checkpoint.class, client()).warm(topic + "-other");
    assertThatThrownBy(() -> reader.deserialize(topic, WireFormat.frame(otherType, new byte[] {0})))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(Checkpoint.class.getName());
  }

  @Test
  void withoutAutoRegistrationAMissingSchemaIsRefusedNamingTheSubject() {
    String topic = SharedInfra.uniquePrefix("no-auto");
    SchemaRegistryClient strict =
        new SchemaRegistryClient(
            RegistryConfig.fromMap(
                Map.of(
                    RegistryConfig.URL,
                    SharedInfra.registryUrl(),
                    RegistryConfig.AUTO_REGISTER,
                    "false")));
    HoldRelease value = randomValues(HoldRelease.class, 1).get(0);

    assertThatThrownBy(
            () -> new AvroSerializer<>(HoldRelease.class, strict).serialize(topic, value))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining(topic + "-value")
        .hasMessageContaining("auto.register.schemas");
    client().register(topic + "-value", SpecificData.get().getSchema(HoldRelease.class));
    byte[] bytes = new AvroSerializer<>(HoldRelease.class, strict).serialize(topic, value);
    assertThat(new AvroDeserializer<>(HoldRelease.class, strict).deserialize(topic, bytes))
        .isEqualTo(value);
  }

  /**
   * Values of {@code type} with every field filled at random (fixed seed), as the generated class.
   */
  static <T extends SpecificRecord> List<T> randomValues(Class<T> type, int count) {
    Schema schema = SpecificData.get().getSchema(type);
    List<T> values = new ArrayList<>();
    Iterator<Object> random = new RandomData(schema, count, 42L).iterator();
    while (random.hasNext()) {
      try {
        byte[] avro = SchemaVersions.plainAvro(schema, random.next());
        values.add(
            new SpecificDatumReader<T>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(avro, null)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return values;
  }
}
