package dev.palm.registry;

import dev.palm.events.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes one generated Avro class in Confluent's wire format ({@link WireFormat}), with the
 * schema id of the class's schema under the topic's subject ({@code <topic>-value}, Confluent's
 * {@code TopicNameStrategy}).
 *
 * <p>The id is looked up (or registered, when {@link RegistryConfig#autoRegister()}) once per topic
 * and then cached: after {@link #warm(String)} the hot path does no I/O and takes no lock.
 * Thread-safe.
 *
 * @param <T> the generated class
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private static final ThreadLocal<BinaryEncoder> ENCODER = new ThreadLocal<>();

  private final Class<T> type;
  private final Schema schema;
  private final SchemaRegistryClient client;
  private final DatumWriter<T> writer;
  private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

  /** A serializer of {@code type} through {@code client}. */
  public AvroSerializer(Class<T> type, SchemaRegistryClient client) {
    this.type = Objects.requireNonNull(type, "type");
    this.schema = Schemas.of(type);
    this.client = Objects.requireNonNull(client, "client");
    this.writer = writerOf(type, schema);
  }

  /** Audit records have a writer of their own (the pipeline's hottest encoding); others Avro's. */
  @SuppressWarnings("unchecked")
  private static <T> DatumWriter<T> writerOf(Class<T> type, Schema schema) {
    return type == AuditRecord.class
        ? (DatumWriter<T>) AuditRecordWriter.forSchema(schema)
        : new SpecificDatumWriter<>(schema);
  }

  /** The subject of values on {@code topic} ({@code TopicNameStrategy}). */
  public static String subject(String topic) {
    return topic + "-value";
  }

  /** The schema written. */
  public Schema schema() {
    return schema;
  }

  /**
   * Resolves (registering if allowed) the schema id for {@code topic} now, so that later records
   * need no call to the registry.
   *
   * @return the schema id
   */
  public int warm(String topic) {
    return idFor(topic);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (!type.isInstance(data)) {
      throw new SerializationException(
          "Topic "
              + topic
              + " takes "
              + type.getName()
              + " values, not "
              + data.getClass().getName());
    }
    int id = idFor(topic);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(WireFormat.header(id));
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODER.get());
    ENCODER.set(encoder);
    try {
      writer.write(data, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Could not encode a "
              + type.getSimpleName()
              + " for topic "
              + topic
              + ": "
              + e.getMessage(),
          e);
    }
    return out.toByteArray();
  }

  private int idFor(String topic) {
    Integer id = idsByTopic.get(topic);
    if (id != null) {
      return id;
    }
    String subject = subject(topic);
    int resolved;
    if (client.config().autoRegister()) {
      resolved = client.register(subject, schema);
    } else {
      resolved =
          client
              .lookup(subject, schema)
              .orElseThrow(
                  () ->
                      new RegistryException(
                          "The schema of "
                              + type.getName()
                              + " is not registered under subject '"
                              + subject
                              + "' at "
                              + client.config().url()
                              + " and "
                              + RegistryConfig.AUTO_REGISTER
                              + " is false; start the PALM pipeline once (it registers"
                              + " the schemas of its topics) or register it",
                          client.config().url(),
                          404,
                          java.util.OptionalInt.empty(),
                          java.util.Optional.empty(),
                          null));
    }
    idsByTopic.put(topic, resolved);
    return resolved;
  }
}
