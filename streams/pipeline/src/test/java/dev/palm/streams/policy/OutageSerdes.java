package dev.palm.streams.policy;

import dev.palm.registry.RegistryUnavailableException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain-Avro serdes for topology tests that fail, while switched on, the way the registry serde
 * fails during an outage ({@link RegistryUnavailableException}): decoding of chosen types, or
 * encoding of chosen types. The outage itself is tested end to end against the real registry
 * process; this isolates the topology's rule.
 */
final class OutageSerdes implements EventSerdes {

  private final PlainAvroSerdes plain = new PlainAvroSerdes();
  final AtomicBoolean decodeDown = new AtomicBoolean();
  final AtomicBoolean encodeDown = new AtomicBoolean();

  /** Only this type's serializer fails while {@link #encodeDown} (null: every type). */
  volatile Class<?> encodeType;

  final AtomicInteger failures = new AtomicInteger();

  @Override
  public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
    Serde<T> inner = plain.valueSerde(type);
    Serializer<T> serializer =
        (topic, value) -> {
          if (encodeDown.get() && (encodeType == null || encodeType == type)) {
            throw outage(topic);
          }
          return inner.serializer().serialize(topic, value);
        };
    Deserializer<T> deserializer =
        (topic, bytes) -> {
          if (decodeDown.get()) {
            throw outage(topic);
          }
          return inner.deserializer().deserialize(topic, bytes);
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private RegistryUnavailableException outage(String topic) {
    failures.incrementAndGet();
    return new RegistryUnavailableException(
        "Cannot reach the schema registry at http://127.0.0.1:9 (test outage,"
            + " topic "
            + topic
            + ")",
        "http://127.0.0.1:9",
        -1,
        OptionalInt.empty(),
        Optional.empty(),
        null);
  }
}
