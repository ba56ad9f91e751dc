package dev.palm.streams.policy;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Where the topology gets its Avro value serdes: production passes {@code PalmSerdes::valueSerde}
 * (Apicurio Registry, Confluent wire format); topology tests pass plain Avro binary serdes that
 * need no registry.
 */
@FunctionalInterface
public interface EventSerdes {

  /** A configured value serde for the generated Avro class {@code type}. */
  <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type);
}
