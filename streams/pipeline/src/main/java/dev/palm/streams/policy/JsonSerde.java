package dev.palm.streams.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;

/**
 * JSON serde for the policy's state-store values (Java records), so the stores and their changelogs
 * stay readable and tolerate added fields across versions.
 *
 * @param <T> the record type stored
 */
public final class JsonSerde<T> implements StoreValueSerde<T> {

  /**
   * The mapper used for every store value: records, {@code Optional}, unknown properties ignored.
   */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new BlackbirdModule())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final Class<T> type;
  // Bound once: every store read and write goes through these, and binding per call repeats the
  // type lookup.
  private final ObjectReader reader;
  private final ObjectWriter writer;

  /** A serde for values of {@code type}. */
  public JsonSerde(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
    this.reader = MAPPER.readerFor(type);
    this.writer = MAPPER.writerFor(type);
  }

  /** The JSON bytes of {@code value}. */
  @Override
  public byte[] toBytes(T value) {
    try {
      return writer.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new SerializationException(
          "Cannot write " + type.getSimpleName() + " as JSON: " + e.getMessage(), e);
    }
  }

  /** The value encoded in {@code bytes}. */
  @Override
  public T fromBytes(byte[] bytes) {
    try {
      return reader.readValue(bytes);
    } catch (IOException e) {
      throw new SerializationException(
          "Cannot read a " + type.getSimpleName() + " from store JSON: " + e.getMessage(), e);
    }
  }
}
