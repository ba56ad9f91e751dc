package dev.palm.wire;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One PALM topic: its name, role, owning pack (for per-pack topics) and the Java types of its keys
 * and values, from which its serdes follow (strings and generated Avro classes through {@link
 * PalmSerdes}, raw bytes for the dead-letter topic).
 *
 * @param name the Kafka topic name
 * @param role what the topic is for
 * @param pack the pack it belongs to, for per-pack topics
 * @param keyType {@code String.class} or {@code byte[].class}
 * @param valueType a generated {@code dev.palm.events} class or {@code byte[].class}
 * @param <K> the key type
 * @param <V> the value type
 */
public record TopicSpec<K, V>(
    String name, TopicRole role, Optional<String> pack, Class<K> keyType, Class<V> valueType) {

  private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  /** Validates the name against Kafka's rules and the types against the serdes PALM can build. */
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    if (!LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a legal Kafka topic name (letters, digits, '.',"
              + " '_', '-', at most 249 characters); check the topic prefix and the pack name");
    }
    if (role.perPack() != pack.isPresent()) {
      throw new IllegalArgumentException(
          "Topic "
              + name
              + " has role "
              + role
              + ", which is "
              + (role.perPack() ? "per pack and needs" : "shared and must not have")
              + " a pack");
    }
    if (keyType != String.class && keyType != byte[].class) {
      throw new IllegalArgumentException(
          "Topic " + name + ": keys are String or byte[], not " + keyType.getName());
    }
    if (valueType != byte[].class && !SpecificRecord.class.isAssignableFrom(valueType)) {
      throw new IllegalArgumentException(
          "Topic "
              + name
              + ": values are generated Avro records or byte[], not "
              + valueType.getName());
    }
  }

  /** The key serde (keys are never registered in the schema registry). */
  @SuppressWarnings("unchecked")
  public Serde<K> keySerde() {
    return (Serde<K>) (keyType == String.class ? Serdes.String() : Serdes.ByteArray());
  }

  /**
   * The value serde: Avro through the registry for event types, plain bytes for the dead-letter
   * topic.
   */
  @SuppressWarnings("unchecked")
  public Serde<V> valueSerde(PalmSerdes serdes) {
    if (valueType == byte[].class) {
      return (Serde<V>) Serdes.ByteArray();
    }
    return (Serde<V>) serdes.valueSerde(valueType.asSubclass(SpecificRecord.class));
  }

  @Override
  public String toString() {
    return name;
  }
}
