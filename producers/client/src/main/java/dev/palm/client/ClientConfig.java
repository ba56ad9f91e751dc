package dev.palm.client;

import dev.palm.registry.RegistryConfig;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How every PALM client reaches the cluster: plain Kafka client properties (bootstrap servers plus
 * any SASL/TLS settings, passed to the Kafka clients untouched), the schema registry URL and the
 * topic prefix.
 *
 * <p>Schema registry settings among the properties (Confluent's names: {@code
 * basic.auth.user.info}, {@code bearer.auth.token}, {@code auto.register.schemas}, {@code
 * schema.registry.*}; see {@link RegistryConfig}) are not Kafka settings: they configure the
 * registry client instead.
 *
 * @param kafka Kafka client properties; must contain {@code bootstrap.servers}
 * @param registryUrl the schema registry's Confluent-compatible API URL (e.g. {@code
 *     http://host:8081}, or Apicurio's {@code http://host:8080/apis/ccompat/v7})
 * @param topicPrefix first part of every topic name ({@code palm} in production)
 */
public record ClientConfig(Properties kafka, String registryUrl, String topicPrefix) {

  private static final Duration DEFAULT_API_TIMEOUT = Duration.ofSeconds(60);

  public ClientConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    kafka = copy(kafka);
    String bootstrap = kafka.getProperty("bootstrap.servers");
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException(
          "The Kafka client properties have no bootstrap.servers; give the broker addresses,"
              + " e.g. localhost:9092");
    }
    PalmSerdes.checkedUrl(registryUrl); // fails now with a clear message, not at the first record
    TopicLayout.withPrefix(topicPrefix); // same for an illegal prefix
  }

  /** A configuration with only bootstrap servers and registry, and the default topic prefix. */
  public static ClientConfig of(String bootstrapServers, String registryUrl) {
    Properties kafka = new Properties();
    kafka.setProperty(
        "bootstrap.servers", Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
    return new ClientConfig(kafka, registryUrl, TopicLayout.DEFAULT_PREFIX);
  }

  /**
   * A configuration from a Kafka client properties file (as used by Kafka's own tools, with
   * SASL/TLS settings), the registry URL and the default topic prefix.
   *
   * @throws UncheckedIOException when the file cannot be read, naming the file
   */
  public static ClientConfig fromFile(Path propertiesFile, String registryUrl) {
    return new ClientConfig(
        loadProperties(propertiesFile), registryUrl, TopicLayout.DEFAULT_PREFIX);
  }

  /**
   * Reads a Kafka client properties file (ISO-8859-1 escapes as in {@link Properties#load}, UTF-8
   * text).
   */
  public static Properties loadProperties(Path propertiesFile) {
    Objects.requireNonNull(propertiesFile, "propertiesFile");
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException(
          "Kafka client properties file " + propertiesFile + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read Kafka client properties file " + propertiesFile + ": " + e.getMessage(), e);
    }
    return properties;
  }

  /** A copy of the Kafka properties: the record never hands out its own mutable instance. */
  @Override
  public Properties kafka() {
    return copy(kafka);
  }

  /** The same configuration with another topic prefix. */
  public ClientConfig withTopicPrefix(String prefix) {
    return new ClientConfig(kafka, registryUrl, prefix);
  }

  /** The same configuration with one more (or a replaced) Kafka client property. */
  public ClientConfig withKafkaProperty(String name, String value) {
    Properties copy = copy(kafka);
    copy.setProperty(name, value);
    return new ClientConfig(copy, registryUrl, topicPrefix);
  }

  /** The bootstrap servers, for messages. */
  public String bootstrapServers() {
    return kafka.getProperty("bootstrap.servers");
  }

  /** The topic names under this configuration's prefix. */
  public TopicLayout layout() {
    return TopicLayout.withPrefix(topicPrefix);
  }

  /** Avro serdes for the registry, including the registry settings among the properties. */
  public PalmSerdes serdes() {
    return PalmSerdes.fromConfig(PalmSerdes.config(registryUrl, kafka));
  }

  /**
   * How long one metadata or offset request may take: Kafka's {@code default.api.timeout.ms} when
   * set, otherwise 60 seconds (Kafka's own default).
   */
  public Duration apiTimeout() {
    String value = kafka.getProperty("default.api.timeout.ms");
    if (value == null) {
      return DEFAULT_API_TIMEOUT;
    }
    try {
      return Duration.ofMillis(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "default.api.timeout.ms must be a number of milliseconds, got '" + value + "'", e);
    }
  }

  /** The Kafka properties without the registry settings, as Kafka clients should see them. */
  Properties kafkaOnly() {
    Properties only = new Properties();
    for (String name : kafka.stringPropertyNames()) {
      if (!RegistryConfig.isRegistrySetting(name)) {
        only.setProperty(name, kafka.getProperty(name));
      }
    }
    return only;
  }

  private static Properties copy(Properties source) {
    Properties copy = new Properties();
    for (String name : source.stringPropertyNames()) {
      copy.setProperty(name, source.getProperty(name));
    }
    return copy;
  }

  @Override
  public String toString() {
    // Never print the properties: they may hold SASL passwords or key store secrets.
    return "ClientConfig[bootstrap.servers="
        + bootstrapServers()
        + ", registryUrl="
        + registryUrl
        + ", topicPrefix="
        + topicPrefix
        + ", "
        + kafka.size()
        + " Kafka properties]";
  }
}
