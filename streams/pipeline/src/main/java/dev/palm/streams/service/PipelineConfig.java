package dev.palm.streams.service;

import dev.palm.audit.Keyring;
import dev.palm.wire.TopicLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Everything the pipeline service needs to know about its environment: where Kafka and the schema
 * registry are, the Kafka client properties for SASL/TLS, which extra packs to load, where local
 * state lives and how the Streams application is named.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}; empty to take it from the client
 *     properties file
 * @param registryUrl the schema registry's Confluent-compatible API URL (e.g. {@code
 *     http://host:8081}, or Apicurio's {@code …/apis/ccompat/v7})
 * @param clientConfigFile a Kafka client properties file (SASL/TLS and other client settings)
 *     passed through to Streams and to every admin, producer and consumer of the service
 * @param packsDir a folder of pack files loaded in addition to the built-in packs
 * @param stateDir Kafka Streams' state folder (RocksDB stores) and the default home of the signing
 *     key
 * @param applicationId the Streams {@code application.id} (consumer group, transactional ids,
 *     internal topic names); two pipelines with the same id share the work
 * @param topicPrefix the topic-name prefix ({@code palm} in production)
 * @param repair whether to repair audit/checkpoint topics that are weaker than the packs demand
 *     instead of refusing to start ({@code --repair})
 * @param signingKeyFile the Ed25519 key pair file that signs checkpoints; empty = {@code
 *     <stateDir>/checkpoint-signing-key.pem}, generated on first use
 * @param rotateSigningKey whether the pipeline may start with a signing key other than the one that
 *     signed a pack's latest checkpoint (the rotation is audited; {@code --rotate-signing-key})
 * @param commitInterval Streams' {@code commit.interval.ms}: how often transactions commit (and so
 *     how soon read_committed consumers see decisions)
 * @param startTimeout how long {@link PalmService#start()} waits for the application to reach
 *     RUNNING
 * @param streamsOverrides extra Kafka Streams settings applied last (e.g. {@code
 *     num.stream.threads})
 * @param keyring the actors' public keys trusted for accountability proofs ({@code --keyring};
 *     docs/audit-format.md §8.3), besides each pack's own {@code actor_keys}
 * @param topicGuardInterval how often the running pipeline re-checks its audit and checkpoint
 *     topics' settings (a weakening is alerted and audited as {@code TOPIC_WEAKENED})
 */
public record PipelineConfig(
    Optional<String> bootstrapServers,
    String registryUrl,
    Optional<Path> clientConfigFile,
    Optional<Path> packsDir,
    Path stateDir,
    String applicationId,
    String topicPrefix,
    boolean repair,
    Optional<Path> signingKeyFile,
    boolean rotateSigningKey,
    Duration commitInterval,
    Duration startTimeout,
    Map<String, String> streamsOverrides,
    Keyring keyring,
    Duration topicGuardInterval) {

  /** The application id of the production pipeline. */
  public static final String DEFAULT_APPLICATION_ID = "palm-pipeline";

  /** Commit interval used unless configured: Streams' own default under exactly-once. */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

  /** How often the topic guard re-checks the audit and checkpoint topics unless configured. */
  public static final Duration DEFAULT_TOPIC_GUARD_INTERVAL = Duration.ofSeconds(60);

  /** How long to wait for RUNNING unless configured; generous for a cold 2-core machine. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

  private static final Pattern LEGAL_APPLICATION_ID = Pattern.compile("[a-zA-Z0-9._-]+");

  /** Validates and copies the components. */
  public PipelineConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(clientConfigFile, "clientConfigFile");
    Objects.requireNonNull(packsDir, "packsDir");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    Objects.requireNonNull(signingKeyFile, "signingKeyFile");
    Objects.requireNonNull(commitInterval, "commitInterval");
    Objects.requireNonNull(startTimeout, "startTimeout");
    streamsOverrides = Map.copyOf(streamsOverrides);
    Objects.requireNonNull(keyring, "keyring");
    Objects.requireNonNull(topicGuardInterval, "topicGuardInterval");
    if (topicGuardInterval.isNegative() || topicGuardInterval.isZero()) {
      throw new IllegalArgumentException(
          "topicGuardInterval must be positive, got " + topicGuardInterval);
    }
    if (!LEGAL_APPLICATION_ID.matcher(applicationId).matches()) {
      throw new IllegalArgumentException(
          "The application id '"
              + applicationId
              + "' may only contain letters,"
              + " digits, '.', '_' and '-' (it names the consumer group and internal topics)");
    }
    TopicLayout.withPrefix(topicPrefix); // validates the prefix with the layout's own rule
    if (commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException(
          "The commit interval must be positive, got " + commitInterval);
    }
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException("The start timeout must be positive, got " + startTimeout);
    }
    if (bootstrapServers.isPresent() && bootstrapServers.get().isBlank()) {
      throw new IllegalArgumentException(
          "The bootstrap servers are blank; give host:port[,host:port...]");
    }
  }

  /**
   * A builder with the production defaults; bootstrap servers (or a client config file), registry
   * and state dir must be set.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** This configuration trusting {@code keys} for accountability proofs. */
  public PipelineConfig withKeyring(Keyring keys) {
    return new PipelineConfig(
        bootstrapServers,
        registryUrl,
        clientConfigFile,
        packsDir,
        stateDir,
        applicationId,
        topicPrefix,
        repair,
        signingKeyFile,
        rotateSigningKey,
        commitInterval,
        startTimeout,
        streamsOverrides,
        keys,
        topicGuardInterval);
  }

  /** The topic layout of this pipeline. */
  public TopicLayout layout() {
    return TopicLayout.withPrefix(topicPrefix);
  }

  /**
   * The checkpoint signing key file actually used: the configured one, or {@code
   * <stateDir>/checkpoint-signing-key.pem}.
   */
  public Path effectiveSigningKeyFile() {
    return signingKeyFile.orElse(stateDir.resolve("checkpoint-signing-key.pem"));
  }

  /**
   * The Kafka client properties every client of the service uses: the client config file's settings
   * (SASL, TLS, ...), then {@code bootstrap.servers} from this config when given.
   *
   * @throws IllegalArgumentException when neither the config nor the file names the bootstrap
   *     servers, or the file cannot be read
   */
  public Map<String, Object> kafkaClientProperties() {
    Map<String, Object> props = new LinkedHashMap<>();
    clientConfigFile.ifPresent(
        file -> readProperties(file).forEach((k, v) -> props.put((String) k, v)));
    bootstrapServers.ifPresent(
        servers -> props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers));
    Object servers = props.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    if (servers == null || servers.toString().isBlank()) {
      throw new IllegalArgumentException(
          "No Kafka bootstrap servers: give --bootstrap-servers host:port or set"
              + " bootstrap.servers in the client config file"
              + clientConfigFile.map(f -> " " + f).orElse(""));
    }
    return Map.copyOf(props);
  }

  /** The bootstrap servers the service connects to (from this config or the client config file). */
  public String effectiveBootstrapServers() {
    return kafkaClientProperties().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).toString();
  }

  /** Reads a Kafka client properties file, failing with a message that names the file. */
  public static Properties readProperties(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "The Kafka client config file "
              + file
              + " does not exist or is not a"
              + " file; give a properties file with e.g. security.protocol, sasl.mechanism, sasl.jaas.config");
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not read the Kafka client config file " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The Kafka client config file "
              + file
              + " is not a valid properties"
              + " file: "
              + e.getMessage(),
          e);
    }
    return properties;
  }

  /** Builder of {@link PipelineConfig} starting from the production defaults. */
  public static final class Builder {
    private Optional<String> bootstrapServers = Optional.empty();
    private String registryUrl;
    private Optional<Path> clientConfigFile = Optional.empty();
    private Optional<Path> packsDir = Optional.empty();
    private Path stateDir;
    private String applicationId = DEFAULT_APPLICATION_ID;
    private String topicPrefix = TopicLayout.DEFAULT_PREFIX;
    private boolean repair;
    private boolean rotateSigningKey;
    private Optional<Path> signingKeyFile = Optional.empty();
    private Keyring keyring = Keyring.EMPTY;
    private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private Duration topicGuardInterval = DEFAULT_TOPIC_GUARD_INTERVAL;
    private final Map<String, String> streamsOverrides = new LinkedHashMap<>();

    private Builder() {}

    /** Kafka {@code bootstrap.servers}. */
    public Builder bootstrapServers(String servers) {
      this.bootstrapServers = Optional.of(servers);
      return this;
    }

    /** Kafka {@code bootstrap.servers} when present. */
    public Builder bootstrapServers(Optional<String> servers) {
      this.bootstrapServers = Objects.requireNonNull(servers, "servers");
      return this;
    }

    /** Base URL of the schema registry. */
    public Builder registryUrl(String url) {
      this.registryUrl = url;
      return this;
    }

    /** A Kafka client properties file (SASL/TLS). */
    public Builder clientConfigFile(Optional<Path> file) {
      this.clientConfigFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** A folder of pack files loaded besides the built-in packs. */
    public Builder packsDir(Optional<Path> dir) {
      this.packsDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Kafka Streams' state folder. */
    public Builder stateDir(Path dir) {
      this.stateDir = dir;
      return this;
    }

    /** The Streams application id. */
    public Builder applicationId(String id) {
      this.applicationId = id;
      return this;
    }

    /** The topic-name prefix. */
    public Builder topicPrefix(String prefix) {
      this.topicPrefix = prefix;
      return this;
    }

    /** Whether to repair weak audit/checkpoint topics instead of refusing to start. */
    public Builder repair(boolean repair) {
      this.repair = repair;
      return this;
    }

    /** Whether the pipeline may start with another signing key than the latest checkpoints'. */
    public Builder rotateSigningKey(boolean rotate) {
      this.rotateSigningKey = rotate;
      return this;
    }

    /** The checkpoint signing key file. */
    public Builder signingKeyFile(Optional<Path> file) {
      this.signingKeyFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** The actors' keys trusted for accountability proofs. */
    public Builder keyring(Keyring keys) {
      this.keyring = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /** Streams' commit interval. */
    public Builder commitInterval(Duration interval) {
      this.commitInterval = interval;
      return this;
    }

    /** How long start() waits for RUNNING. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /** Adds one Kafka Streams setting applied after PALM's own. */
    /** How often the running pipeline re-checks its audit and checkpoint topics. */
    public Builder topicGuardInterval(Duration interval) {
      this.topicGuardInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    public Builder streamsOverride(String key, String value) {
      streamsOverrides.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Builds and validates the configuration. */
    public PipelineConfig build() {
      if (registryUrl == null || registryUrl.isBlank()) {
        throw new IllegalArgumentException(
            "No schema registry URL: give --registry-url http://host:port");
      }
      if (stateDir == null) {
        throw new IllegalArgumentException("No state folder: give --state-dir DIR");
      }
      return new PipelineConfig(
          bootstrapServers,
          registryUrl,
          clientConfigFile,
          packsDir,
          stateDir,
          applicationId,
          topicPrefix,
          repair,
          signingKeyFile,
          rotateSigningKey,
          commitInterval,
          startTimeout,
          streamsOverrides,
          keyring,
          topicGuardInterval);
    }
  }
}
