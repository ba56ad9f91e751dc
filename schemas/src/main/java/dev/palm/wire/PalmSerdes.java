package dev.palm.wire;

import dev.palm.registry.AvroDeserializer;
import dev.palm.registry.AvroSerde;
import dev.palm.registry.AvroSerializer;
import dev.palm.registry.RegistryConfig;
import dev.palm.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Builds the serdes of PALM's topics: string keys, and Avro values in Confluent's wire format
 * (magic byte 0, the 4-byte schema id, Avro binary; no headers) through PALM's own client of the
 * Confluent Schema Registry REST API ({@code dev.palm.registry}), so any Confluent-compatible
 * registry and consumer works (docs/running.md).
 *
 * <p>Schemas live under the topic's subject ({@code <topic>-value}) and are read back into the
 * generated {@code dev.palm.events} classes with writer→reader schema resolution. All serdes of one
 * instance share one registry client and its caches: once the pipeline (its {@code
 * SchemaProvisioner}) has registered PALM's schemas, serializing does no I/O.
 */
public final class PalmSerdes {

  private final Map<String, Object> config;
  private final SchemaRegistryClient client;

  private PalmSerdes(Map<String, Object> config) {
    this.config = Map.copyOf(config);
    this.client = new SchemaRegistryClient(RegistryConfig.fromMap(config));
  }

  /** Serdes for the registry at {@code registryUrl} (its Confluent-compatible API URL). */
  public static PalmSerdes forRegistry(String registryUrl) {
    return new PalmSerdes(config(registryUrl));
  }

  /**
   * Serdes with a complete registry configuration, e.g. {@link #config(String)} plus the
   * authentication settings of {@link RegistryConfig} ({@code basic.auth.user.info}, {@code
   * bearer.auth.token}, …).
   *
   * @throws IllegalArgumentException naming the setting, when the configuration is incomplete or
   *     malformed
   */
  public static PalmSerdes fromConfig(Map<String, ?> config) {
    return new PalmSerdes(Map.copyOf(config));
  }

  /**
   * The serde configuration for the registry at {@code registryUrl}: only {@code
   * schema.registry.url}.
   */
  public static Map<String, Object> config(String registryUrl) {
    Map<String, Object> config = new HashMap<>();
    config.put(RegistryConfig.URL, checkedUrl(registryUrl));
    return Map.copyOf(config);
  }

  /**
   * The configuration of {@code registryUrl} plus the registry settings among {@code properties} (a
   * client config file's entries that {@link RegistryConfig#isRegistrySetting} recognises; the URL
   * given wins).
   */
  public static Map<String, Object> config(String registryUrl, Map<?, ?> properties) {
    Map<String, Object> config = new HashMap<>();
    properties.forEach(
        (key, value) -> {
          String name = String.valueOf(key);
          if (RegistryConfig.isRegistrySetting(name) && value != null) {
            config.put(name, value);
          }
        });
    config.putAll(config(registryUrl));
    return Map.copyOf(config);
  }

  /**
   * Checks that {@code registryUrl} is an http(s) URL with a host and returns it without trailing
   * slashes.
   *
   * @throws IllegalArgumentException with an example of a good URL
   */
  public static String checkedUrl(String registryUrl) {
    Objects.requireNonNull(registryUrl, "registryUrl");
    StringBuilder all = new StringBuilder();
    for (String part : registryUrl.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String one = RegistryConfig.of(part).url();
      all.append(all.length() == 0 ? "" : ",").append(one);
    }
    if (all.length() == 0) {
      throw new IllegalArgumentException(
          "The schema registry URL is empty; give the registry's"
              + " Confluent-compatible API URL, e.g. http://localhost:8081");
    }
    return all.toString();
  }

  /** The serde configuration (registry URL and settings; may hold credentials: never print it). */
  public Map<String, Object> config() {
    return config;
  }

  /** The registry URL these serdes use. */
  public String registryUrl() {
    return client.config().url();
  }

  /** The registry client shared by every serde of this instance. */
  public SchemaRegistryClient client() {
    return client;
  }

  /** The key serde of every PALM topic: UTF-8 strings (the pack name for inputs and outputs). */
  public Serde<String> keySerde() {
    return Serdes.String();
  }

  /** A value serde for the generated Avro class {@code type}. */
  public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
    return new AvroSerde<>(type, client);
  }

  /** A value serializer for plain producers. */
  public <T extends SpecificRecord> Serializer<T> valueSerializer(Class<T> type) {
    return new AvroSerializer<>(type, client);
  }

  /** A value deserializer for plain consumers. */
  public <T extends SpecificRecord> Deserializer<T> valueDeserializer(Class<T> type) {
    return new AvroDeserializer<>(type, client);
  }
}
