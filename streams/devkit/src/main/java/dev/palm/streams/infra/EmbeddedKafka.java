package dev.palm.streams.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) running inside this JVM, for
 * tests and for the default run when no cluster is given.
 *
 * <p>It listens on free ports of 127.0.0.1 only, is configured for transactions and {@code
 * exactly_once_v2} with one replica, and keeps its data in a temporary folder (deleted on {@link
 * #close()}) or in a given folder (kept, so a restart sees the same topics and offsets). Kafka's
 * server classes are internal APIs, so this is the only class of the project that touches them.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;
  private static final int START_ATTEMPTS = 3;

  private final KafkaRaftServer server;
  private final Path dataDirectory;
  private final boolean temporary;
  private final int brokerPort;
  private final int controllerPort;
  private final Map<String, String> scramUsers;
  private final Thread shutdownHook;
  private boolean closed;

  private EmbeddedKafka(
      KafkaRaftServer server,
      Path dataDirectory,
      boolean temporary,
      int[] ports,
      Map<String, String> scramUsers) {
    this.server = server;
    this.dataDirectory = dataDirectory;
    this.temporary = temporary;
    this.brokerPort = ports[0];
    this.controllerPort = ports[1];
    this.scramUsers = Map.copyOf(scramUsers);
    this.shutdownHook = new Thread(this::closeQuietly, "palm-embedded-kafka-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a broker with a temporary data folder and default settings. */
  public static EmbeddedKafka start() {
    return builder().start();
  }

  /** Returns a builder to choose the data folder, extra broker settings or the start timeout. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
  public String bootstrapServers() {
    return LoopbackPorts.HOST + ":" + brokerPort;
  }

  /** The port of the controller listener (only the broker itself talks to it). */
  public int controllerPort() {
    return controllerPort;
  }

  /** The folder holding the broker's logs and metadata. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Whether the data folder is temporary and deleted on {@link #close()}. */
  public boolean isTemporary() {
    return temporary;
  }

  /**
   * A minimal client configuration ({@code bootstrap.servers} only) for producers, consumers and
   * admins.
   */
  public Map<String, Object> clientConfig() {
    return scramUsers.isEmpty()
        ? Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers())
        : clientConfig(BROKER_USER);
  }

  /**
   * The client configuration of one SCRAM user of a secured broker ({@link Builder#scramUsers}):
   * {@code bootstrap.servers}, {@code SASL_PLAINTEXT} and {@code SCRAM-SHA-256} with the user's
   * credentials. The broker's own user {@value #BROKER_USER} is a super user.
   *
   * @throws IllegalArgumentException when the broker is not secured or has no such user
   */
  public Map<String, Object> clientConfig(String user) {
    String password = scramUsers.get(user);
    if (password == null) {
      throw new IllegalArgumentException(
          "no SCRAM user '" + user + "' on this broker (users: " + scramUsers.keySet() + ")");
    }
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers(),
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        SCRAM,
        "sasl.jaas.config",
        jaas(user, password));
  }

  /** The super user of a secured broker (inter-broker traffic, administration). */
  public static final String BROKER_USER = "palm-broker";

  private static final String SCRAM = "SCRAM-SHA-256";

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /**
   * Stops the broker, waits for it to finish and deletes the data folder if it is temporary.
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long startNanos = System.nanoTime();
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      if (temporary) {
        deleteQuietly(dataDirectory);
      }
      removeShutdownHook(shutdownHook);
    }
    LOG.info("Kafka broker at {} stopped in {} ms", bootstrapServers(), elapsedMillis(startNanos));
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.warn("Kafka broker at {} did not stop cleanly: {}", bootstrapServers(), e.toString());
    }
  }

  static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // we are running inside the hook (JVM exit): nothing to remove
    }
  }

  private static void deleteQuietly(Path folder) {
    try {
      FileTrees.deleteRecursively(folder);
    } catch (IOException e) {
      LOG.warn("Could not delete the broker's temporary data folder {}: {}", folder, e.toString());
    }
  }

  private static long elapsedMillis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + bootstrapServers() + ", data=" + dataDirectory + "]";
  }

  /** Options for {@link EmbeddedKafka}; every option has a default suitable for tests. */
  public static final class Builder {
    private Path dataDirectory;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private Duration startTimeout = Duration.ofSeconds(60);
    private final Map<String, String> scramUsers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Secures the broker: clients must authenticate with SASL SCRAM-SHA-256 as one of these users
     * (name → password), and the {@code StandardAuthorizer} allows only what ACLs grant (nothing
     * without an ACL); the broker's own user {@value EmbeddedKafka#BROKER_USER} is added as the
     * super user. The controller listener stays PLAINTEXT on loopback.
     */
    public Builder scramUsers(Map<String, String> users) {
      users.forEach(
          (user, password) -> {
            if (user.isBlank() || user.contains(",") || user.contains("]") || password.isBlank()) {
              throw new IllegalArgumentException("unusable SCRAM user '" + user + "'");
            }
            scramUsers.put(user, password);
          });
      scramUsers.putIfAbsent(BROKER_USER, "broker-" + Uuid.randomUuid());
      return this;
    }

    /** Keeps the broker's data in {@code folder} (created if missing) so it survives a restart. */
    public Builder dataDirectory(Path folder) {
      this.dataDirectory = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /** Same as {@link #dataDirectory(Path)} when present; a temporary folder otherwise. */
    public Builder dataDirectory(Optional<Path> folder) {
      this.dataDirectory = folder.orElse(null);
      return this;
    }

    /**
     * Adds or replaces one broker setting (e.g. {@code auto.create.topics.enable}); listener, port,
     * node and folder settings are owned by this class and cannot be overridden.
     */
    public Builder brokerProperty(String key, String value) {
      if (OWNED_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "The broker setting '"
                + key
                + "' is managed by EmbeddedKafka"
                + " (loopback listeners, node id, data folder); remove it from the overrides");
      }
      overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** How long to wait for the broker to accept clients before failing (default 60 s). */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Formats the storage if needed, starts the broker and waits until it serves clients. */
    public EmbeddedKafka start() {
      boolean temporary = dataDirectory == null;
      Path folder;
      try {
        folder =
            temporary
                ? Files.createTempDirectory("palm-kafka-")
                : Files.createDirectories(dataDirectory);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Could not create the Kafka data folder "
                + (temporary ? "in " + System.getProperty("java.io.tmpdir") : dataDirectory),
            e);
      }
      RuntimeException lastFailure = null;
      for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
        try {
          return startOnce(folder, temporary);
        } catch (RuntimeException e) {
          lastFailure = e;
          if (!causedByBindFailure(e)) {
            break;
          }
          // another process took a port between probing and binding: try new ports
          LOG.info(
              "Kafka broker could not bind its ports (attempt {}/{}), retrying",
              attempt,
              START_ATTEMPTS);
        }
      }
      if (temporary) {
        deleteQuietly(folder);
      }
      throw lastFailure;
    }

    private EmbeddedKafka startOnce(Path folder, boolean temporary) {
      long startNanos = System.nanoTime();
      List<Integer> ports = LoopbackPorts.free(2);
      int brokerPort = ports.get(0);
      int controllerPort = ports.get(1);
      Properties props = serverProperties(folder, brokerPort, controllerPort);
      formatIfNeeded(folder, props, scramUsers);

      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
      try {
        server.startup();
        Map<String, Object> readiness = new LinkedHashMap<>();
        if (!scramUsers.isEmpty()) {
          readiness.put("security.protocol", "SASL_PLAINTEXT");
          readiness.put("sasl.mechanism", SCRAM);
          readiness.put("sasl.jaas.config", jaas(BROKER_USER, scramUsers.get(BROKER_USER)));
        }
        awaitReady("127.0.0.1:" + brokerPort, startTimeout, readiness);
      } catch (RuntimeException e) {
        stopAfterFailedStart(server);
        throw e;
      }
      EmbeddedKafka kafka =
          new EmbeddedKafka(
              server, folder, temporary, new int[] {brokerPort, controllerPort}, scramUsers);
      LOG.info(
          "Kafka broker ready at {} in {} ms (data: {}{})",
          kafka.bootstrapServers(),
          elapsedMillis(startNanos),
          folder,
          temporary ? ", temporary" : "");
      return kafka;
    }

    private Properties serverProperties(Path folder, int brokerPort, int controllerPort) {
      String host = LoopbackPorts.HOST;
      Properties p = new Properties();
      // single-node defaults first, so brokerProperty overrides may replace them
      p.putAll(SINGLE_NODE_DEFAULTS);
      p.putAll(overrides);
      p.put("process.roles", "broker,controller");
      p.put("node.id", Integer.toString(NODE_ID));
      // static voters (kraft.version 0): the voter's address lives in this config, not in the
      // metadata
      // log, so a kept data folder still starts when the next run picks different free ports
      p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
      p.put(
          "listeners",
          "PLAINTEXT://"
              + host
              + ":"
              + brokerPort
              + ",CONTROLLER://"
              + host
              + ":"
              + controllerPort);
      p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
      p.put("controller.listener.names", "CONTROLLER");
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("log.dirs", folder.resolve("logs").toAbsolutePath().toString());
      if (!scramUsers.isEmpty()) {
        String broker = "SASL_PLAINTEXT://" + host + ":" + brokerPort;
        p.put("listeners", broker + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", broker);
        p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.put(
            "listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("sasl.enabled.mechanisms", SCRAM);
        p.put("sasl.mechanism.inter.broker.protocol", SCRAM);
        p.put(
            "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
            jaas(BROKER_USER, scramUsers.get(BROKER_USER)));
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // the controller listener is PLAINTEXT on loopback: its principal is ANONYMOUS
        p.put("super.users", "User:" + BROKER_USER + ";User:ANONYMOUS");
        p.put("allow.everyone.if.no.acl.found", "false");
      }
      return p;
    }

    private static void formatIfNeeded(
        Path folder, Properties props, Map<String, String> scramUsers) {
      Path logs = folder.resolve("logs");
      if (Files.exists(logs.resolve("meta.properties"))) {
        return; // kept data folder from an earlier run: keep its cluster id and contents
      }
      Path configFile = folder.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(configFile)) {
        props.store(out, "written by PALM's EmbeddedKafka for kafka-storage format");
      } catch (IOException e) {
        throw new UncheckedIOException("Could not write " + configFile, e);
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      int exitCode;
      try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        exitCode = StorageTool.execute(formatArguments(configFile, scramUsers), printStream);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "Could not format the Kafka storage in "
                + logs
                + ": "
                + e.getMessage()
                + "; delete the folder or choose another data directory",
            e);
      }
      String text = output.toString(StandardCharsets.UTF_8).strip();
      if (exitCode != 0) {
        throw new IllegalStateException(
            "Formatting the Kafka storage in "
                + logs
                + " failed (exit code "
                + exitCode
                + "): "
                + text);
      }
      LOG.debug("kafka-storage format: {}", text);
    }

    /** kafka-storage format's arguments, with a SCRAM credential per user of a secured broker. */
    private static String[] formatArguments(Path configFile, Map<String, String> scramUsers) {
      List<String> args =
          new java.util.ArrayList<>(
              List.of("format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()));
      scramUsers.forEach(
          (user, password) -> {
            args.add("--add-scram");
            args.add(SCRAM + "=[name=" + user + ",password=" + password + "]");
          });
      return args.toArray(String[]::new);
    }

    private static void awaitReady(
        String bootstrap, Duration timeout, Map<String, Object> security) {
      long deadline = System.nanoTime() + timeout.toNanos();
      Map<String, Object> config = new LinkedHashMap<>(security);
      config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
      config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
      try (Admin admin = Admin.create(config)) {
        while (true) {
          try {
            var nodes =
                admin
                    .describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                    .nodes()
                    .get(10, TimeUnit.SECONDS);
            if (nodes.stream().anyMatch(n -> n.id() == NODE_ID)) {
              return;
            }
          } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Kafka broker at {} not ready yet: {}", bootstrap, e.toString());
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "The embedded Kafka broker at "
                    + bootstrap
                    + " did not become"
                    + " ready within "
                    + timeout.toSeconds()
                    + " s; check the log for broker errors or"
                    + " raise the start timeout on a slow machine");
          }
          Thread.sleep(100);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "Interrupted while waiting for the Kafka broker at " + bootstrap, e);
      }
    }

    private static void stopAfterFailedStart(KafkaRaftServer server) {
      try {
        server.shutdown();
        server.awaitShutdown();
      } catch (RuntimeException e) {
        LOG.debug("Shutting down a broker that failed to start: {}", e.toString());
      }
    }

    private static boolean causedByBindFailure(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BindException) {
          return true;
        }
        if (t.getMessage() != null && t.getMessage().contains("Address already in use")) {
          return true;
        }
      }
      return false;
    }
  }

  private static final List<String> OWNED_KEYS =
      List.of(
          "process.roles",
          "node.id",
          "controller.quorum.voters",
          "listeners",
          "advertised.listeners",
          "controller.listener.names",
          "inter.broker.listener.name",
          "listener.security.protocol.map",
          "log.dirs",
          "log.dir",
          "metadata.log.dir");

  /**
   * Settings a single node needs for transactions and exactly-once (without the transaction-log
   * ones {@code initTransactions()} hangs), plus small internal topics so the first group or
   * transaction starts fast.
   */
  private static final Map<String, String> SINGLE_NODE_DEFAULTS =
      Map.ofEntries(
          Map.entry("offsets.topic.replication.factor", "1"),
          Map.entry("offsets.topic.num.partitions", "5"),
          Map.entry("transaction.state.log.replication.factor", "1"),
          Map.entry("transaction.state.log.min.isr", "1"),
          Map.entry("transaction.state.log.num.partitions", "5"),
          Map.entry("min.insync.replicas", "1"),
          Map.entry("default.replication.factor", "1"),
          Map.entry("num.partitions", "1"),
          Map.entry("share.coordinator.state.topic.replication.factor", "1"),
          Map.entry("share.coordinator.state.topic.min.isr", "1"),
          Map.entry("group.initial.rebalance.delay.ms", "0"),
          // topics are created explicitly (TopicProvisioner, Kafka Streams' own internal topics),
          // so a typo
          // in a topic name fails instead of silently creating a topic with the wrong retention
          Map.entry("auto.create.topics.enable", "false"));
}
