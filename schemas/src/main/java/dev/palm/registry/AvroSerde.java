package dev.palm.registry;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The Kafka {@link Serde} of one generated Avro class in Confluent's wire format: {@link
 * AvroSerializer} and {@link AvroDeserializer} sharing one {@link SchemaRegistryClient} (and so its
 * caches).
 *
 * @param <T> the generated class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final AvroSerializer<T> serializer;
  private final AvroDeserializer<T> deserializer;

  /** The serde of {@code type} through {@code client}. */
  public AvroSerde(Class<T> type, SchemaRegistryClient client) {
    Objects.requireNonNull(client, "client");
    this.serializer = new AvroSerializer<>(type, client);
    this.deserializer = new AvroDeserializer<>(type, client);
  }

  @Override
  public AvroSerializer<T> serializer() {
    return serializer;
  }

  @Override
  public AvroDeserializer<T> deserializer() {
    return deserializer;
  }
}
