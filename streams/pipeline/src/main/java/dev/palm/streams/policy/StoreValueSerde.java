package dev.palm.streams.policy;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde of state-store values defined by its two conversions; a null value (a deletion) passes
 * through as null.
 *
 * @param <T> the value type stored
 */
public interface StoreValueSerde<T> extends Serde<T> {

  /** The stored bytes of {@code value}. */
  byte[] toBytes(T value);

  /** The value stored as {@code bytes}. */
  T fromBytes(byte[] bytes);

  @Override
  default Serializer<T> serializer() {
    return (topic, data) -> data == null ? null : toBytes(data);
  }

  @Override
  default Deserializer<T> deserializer() {
    return (topic, data) -> data == null ? null : fromBytes(data);
  }
}
