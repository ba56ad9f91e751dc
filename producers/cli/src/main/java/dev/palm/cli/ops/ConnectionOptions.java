package dev.palm.cli.ops;

import dev.palm.client.ClientConfig;
import dev.palm.wire.TopicLayout;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The connection options every command that talks to Kafka shares: bootstrap servers, schema
 * registry, a Kafka client properties file (SASL/TLS settings pass through to the Kafka clients
 * untouched) and the topic prefix.
 */
public final class ConnectionOptions {

  /** Environment variable with the default bootstrap servers. */
  public static final String BOOTSTRAP_ENV = "PALM_BOOTSTRAP_SERVERS";

  /** Environment variable with the default topic prefix (what `palm run` was given). */
  public static final String TOPIC_PREFIX_ENV = "PALM_TOPIC_PREFIX";

  /** Environment variable with the default registry URL. */
  public static final String REGISTRY_ENV = "PALM_REGISTRY_URL";

  /** Bootstrap servers when neither flag, environment nor properties file give any. */
  public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

  /** Registry URL when neither flag nor environment give one. */
  public static final String DEFAULT_REGISTRY = "http://localhost:8081";

  @Option(
      names = {"-b", "--bootstrap-server", "--bootstrap-servers"},
      paramLabel = "HOST:PORT[,...]",
      description = {
        "Kafka bootstrap servers. Default: bootstrap.servers of --command-config, else $"
            + BOOTSTRAP_ENV
            + ", else "
            + DEFAULT_BOOTSTRAP
            + "."
      })
  Optional<String> bootstrapServers = Optional.empty();

  @Option(
      names = "--registry-url",
      paramLabel = "URL",
      description =
          "Schema registry URL: its Confluent-compatible API (Apicurio: .../apis/ccompat/v7). Default: $"
              + REGISTRY_ENV
              + ", else "
              + DEFAULT_REGISTRY
              + " (Confluent's default port).")
  Optional<String> registryUrl = Optional.empty();

  @Option(
      names = {"--command-config", "--client-config"},
      paramLabel = "FILE",
      description = {
        "Kafka client properties file (SASL, TLS, timeouts), as for Kafka's own tools; passed to the clients"
            + " as is; schema registry settings among them (basic.auth.user.info, bearer.auth.token,"
            + " auto.register.schemas, schema.registry.*) configure the registry client."
      })
  Optional<Path> clientConfig = Optional.empty();

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      description =
          "First part of every topic name. Default: $"
              + TOPIC_PREFIX_ENV
              + ", else "
              + TopicLayout.DEFAULT_PREFIX
              + ".")
  Optional<String> topicPrefix = Optional.empty();

  /** The environment to read defaults from; tests replace it. */
  Map<String, String> environment = System.getenv();

  /**
   * The client configuration: the properties file (if any), then the bootstrap servers from flag,
   * file, environment or default, in that order of precedence (what the operator wrote down wins
   * over what the shell happens to export); registry URL and topic prefix from flag, environment or
   * default.
   *
   * @throws java.io.UncheckedIOException when the properties file cannot be read
   * @throws IllegalArgumentException when the registry URL or topic prefix is malformed
   */
  public ClientConfig config() {
    Properties kafka = clientConfig.map(ClientConfig::loadProperties).orElseGet(Properties::new);
    Optional<String> bootstrap =
        bootstrapServers
            .or(
                () ->
                    Optional.ofNullable(kafka.getProperty("bootstrap.servers"))
                        .filter(s -> !s.isBlank()))
            .or(() -> fromEnvironment(BOOTSTRAP_ENV));
    kafka.setProperty("bootstrap.servers", bootstrap.orElse(DEFAULT_BOOTSTRAP));
    String registry = registryUrl.or(() -> fromEnvironment(REGISTRY_ENV)).orElse(DEFAULT_REGISTRY);
    String prefix =
        topicPrefix
            .or(
                () ->
                    fromEnvironment(TOPIC_PREFIX_ENV).map(ConnectionOptions::prefixFromEnvironment))
            .orElse(TopicLayout.DEFAULT_PREFIX);
    return new ClientConfig(kafka, registry, prefix);
  }

  /** A prefix the shell exported: when illegal, the error says where it came from. */
  private static String prefixFromEnvironment(String prefix) {
    try {
      TopicLayout.withPrefix(prefix);
      return prefix;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "$"
              + TOPIC_PREFIX_ENV
              + ": "
              + e.getMessage()
              + " (fix or unset it, or give --topic-prefix)",
          e);
    }
  }

  private Optional<String> fromEnvironment(String name) {
    return Optional.ofNullable(environment.get(name)).filter(s -> !s.isBlank());
  }
}
