package dev.palm.registry;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format values into one generated Avro class: the writer schema is fetched by
 * id from the registry (once per id) and resolved against the class's schema, so values written
 * under an older or newer compatible schema version are read too.
 *
 * <p>Failures tell outages from bad data: {@link RegistryUnavailableException} when the registry
 * cannot be asked (retry later; the record is fine), and a plain {@link SerializationException}
 * naming the topic and schema id when the bytes can never decode: no magic byte, an id the registry
 * does not know (HTTP 404), a writer schema that does not resolve to the class, or corrupt Avro.
 * Thread-safe.
 *
 * @param <T> the generated class
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

  private final Class<T> type;
  private final Schema readerSchema;
  private final SchemaRegistryClient client;
  private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

  /** A deserializer of {@code type} through {@code client}. */
  public AvroDeserializer(Class<T> type, SchemaRegistryClient client) {
    this.type = Objects.requireNonNull(type, "type");
    this.readerSchema = Schemas.of(type);
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id = WireFormat.schemaId(topic, data);
    SpecificDatumReader<T> reader = readers.get(id);
    if (reader == null) {
      reader = readerFor(topic, id);
    }
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(
                data,
                WireFormat.HEADER_LENGTH,
                data.length - WireFormat.HEADER_LENGTH,
                DECODER.get());
    DECODER.set(decoder);
    T value;
    try {
      value = reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Value on topic "
              + topic
              + " is not valid Avro for schema id "
              + id
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")",
          e);
    }
    boolean trailing;
    try {
      trailing = !decoder.isEnd();
    } catch (IOException e) {
      trailing = true;
    }
    if (trailing) {
      throw new SerializationException(
          "Value on topic "
              + topic
              + " has bytes after the Avro record of schema"
              + " id "
              + id
              + "; it is corrupt or framed with the wrong id");
    }
    return value;
  }

  private SpecificDatumReader<T> readerFor(String topic, int id) {
    Schema writer;
    try {
      writer = client.schemaById(id);
    } catch (RegistryUnavailableException e) {
      throw e;
    } catch (RegistryException e) {
      if (e.isNotFound()) {
        throw new SerializationException(
            "Value on topic "
                + topic
                + " names schema id "
                + id
                + ", which the"
                + " schema registry at "
                + client.config().url()
                + " does not have (not found"
                + e.errorCode().stream().mapToObj(c -> ", error_code " + c).findFirst().orElse("")
                + ")",
            e);
      }
      throw new SerializationException(
          "Value on topic "
              + topic
              + " names schema id "
              + id
              + ", which cannot"
              + " be used: "
              + e.getMessage(),
          e);
    }
    if (writer.getType() != Schema.Type.RECORD
        || !writer.getFullName().equals(readerSchema.getFullName())) {
      throw new SerializationException(
          "Value on topic "
              + topic
              + " was written as "
              + writer.getFullName()
              + " (schema id "
              + id
              + "); this topic carries "
              + readerSchema.getFullName());
    }
    SpecificDatumReader<T> reader;
    try {
      reader = new SpecificDatumReader<>(writer, readerSchema);
      // resolution errors (an incompatible writer schema) surface here rather than at the first
      // read
      org.apache.avro.io.ResolvingDecoder.resolve(writer, readerSchema);
    } catch (AvroRuntimeException | IOException e) {
      throw new SerializationException(
          "Schema id "
              + id
              + " of a value on topic "
              + topic
              + " cannot be read"
              + " as "
              + readerSchema.getFullName()
              + ": "
              + e.getMessage(),
          e);
    }
    readers.putIfAbsent(id, reader);
    return reader;
  }
}
