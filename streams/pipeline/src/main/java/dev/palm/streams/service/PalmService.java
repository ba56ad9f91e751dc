package dev.palm.streams.service;

import dev.palm.audit.CheckpointSigner;
import dev.palm.events.AuditEventType;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.registry.PackRegistry;
import dev.palm.packs.validation.PackValidator;
import dev.palm.packs.validation.ValidationResult;
import dev.palm.registry.RegistryConfig;
import dev.palm.registry.RegistryUnavailableException;
import dev.palm.streams.PalmTopology;
import dev.palm.streams.policy.PolicyOptions;
import dev.palm.streams.policy.RuntimeEvents;
import dev.palm.streams.policy.SystemEvent;
import dev.palm.streams.query.QueryServer;
import dev.palm.streams.query.QueryServerConfig;
import dev.palm.streams.query.QuerySources;
import dev.palm.streams.serde.SchemaProvisioner;
import dev.palm.streams.topics.ProvisioningReport;
import dev.palm.streams.topics.TopicGuard;
import dev.palm.streams.topics.TopicProvisioner;
import dev.palm.streams.topics.TopicRepair;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import dev.palm.wire.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PALM pipeline as a running service: wires a {@link PipelineConfig} to the policy topology.
 * {@link #start()} validates and loads the packs, provisions their topics (refusing weak
 * audit/checkpoint topics unless repairing), builds the topology and runs it in a {@link
 * KafkaStreams} instance with {@code exactly_once_v2} until {@link #close()}.
 */
public final class PalmService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PalmService.class);

  /** How long {@link #close()} lets Kafka Streams finish its last transaction. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /** How long to wait for the cluster to answer at all before giving up with a clear message. */
  private static final Duration REACH_TIMEOUT = Duration.ofSeconds(20);

  /** The main consumer's session timeout unless the client config sets one. */
  static final int SESSION_TIMEOUT_MS = 10_000;

  private final PipelineConfig config;
  private final List<PlatformPack> packs;
  private final TopicLayout layout;
  private final PalmSerdes serdes;
  private final Map<String, Object> clientProperties;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<PlatformPack> loaded = new ArrayList<>();

  private CheckpointSigner signer;
  private boolean signingKeyCreated;
  private Map<String, String> rotatedKeys = Map.of();
  private ProvisioningReport provisioning;
  private KafkaStreams streams;
  private boolean closed;

  /**
   * The HTTP query API to serve, if asked for with {@link #withQueryServer}; bound before Streams
   * starts.
   */
  private Optional<QueryServerConfig> queryServerConfig = Optional.empty();

  private QueryServer queryServer;
  private TopicGuard topicGuard;
  private final RuntimeEvents runtimeEvents = new RuntimeEvents();

  private PalmService(PipelineConfig config, List<PlatformPack> packs) {
    this.config = Objects.requireNonNull(config, "config");
    if (packs.isEmpty()) {
      throw new IllegalArgumentException("The pipeline needs at least one pack to enforce");
    }
    this.packs = List.copyOf(packs);
    this.layout = config.layout();
    Map<String, Object> all = config.kafkaClientProperties();
    this.serdes = PalmSerdes.fromConfig(serdeConfig(config.registryUrl(), all));
    // the registry's settings mean nothing to the Kafka clients, which would warn about each of
    // them
    Map<String, Object> kafka = new HashMap<>(all);
    kafka.keySet().removeIf(RegistryConfig::isRegistrySetting);
    this.clientProperties = Map.copyOf(kafka);
  }

  /**
   * A service for the built-in packs, service-loaded packs and the packs of {@code
   * config.packsDir()}.
   */
  public static PalmService create(PipelineConfig config) throws PackException {
    return new PalmService(config, loadPacks(config));
  }

  /**
   * A service for exactly {@code packs} ({@code config.packsDir()} is ignored); tests use their own
   * packs.
   */
  public static PalmService create(PipelineConfig config, List<? extends PlatformPack> packs) {
    return new PalmService(config, List.copyOf(packs));
  }

  /**
   * The packs a pipeline with {@code config} enforces: the canonical packs, packs found by {@code
   * ServiceLoader} and the pack files of {@code config.packsDir()}, in name order.
   *
   * @throws PackException when a pack cannot be loaded or two packs share a name
   */
  public static List<PlatformPack> loadPacks(PipelineConfig config) throws PackException {
    PackRegistry.Builder builder = PackRegistry.builder().withBuiltins().withServiceLoader();
    config.packsDir().ifPresent(builder::withDirectory);
    return builder.build().packs().stream().map(PackRegistry.RegisteredPack::pack).toList();
  }

  /**
   * The serde configuration: the registry URL plus the registry settings of the client config file
   * ({@code basic.auth.user.info}, {@code bearer.auth.token}, … see {@link RegistryConfig}), which
   * would mean nothing to the Kafka clients.
   */
  static Map<String, Object> serdeConfig(String registryUrl, Map<String, Object> clientProperties) {
    return PalmSerdes.config(registryUrl, clientProperties);
  }

  /**
   * Starts the pipeline and returns once it processes records: validates every pack and calls its
   * {@code onLoad()}, provisions the topics, builds the topology and waits until Kafka Streams is
   * RUNNING.
   *
   * @return what provisioning did (topics created, verified, repaired)
   * @throws dev.palm.streams.topics.TopicPolicyViolation when an existing audit/checkpoint topic is
   *     weaker than a pack demands and repair is off
   * @throws PackException when a pack is invalid or its {@code onLoad()} fails
   * @throws IllegalStateException when Kafka Streams fails or does not reach RUNNING in time
   */
  public synchronized ProvisioningReport start() throws PackException {
    if (streams != null || closed) {
      throw new IllegalStateException(
          "The pipeline service was already started; create a new one to restart");
    }
    validatePacks();
    try {
      for (PlatformPack pack : packs) {
        pack.onLoad();
        loaded.add(pack);
      }
      createStateDir();
      Path keyFile = config.effectiveSigningKeyFile();
      signingKeyCreated = !Files.exists(keyFile);
      signer = CheckpointSigner.loadOrCreate(keyFile);
      if (signingKeyCreated) {
        LOG.warn(
            "Generated a new checkpoint signing key {} in {} (public key {}); keep this file: a"
                + " pipeline with another key refuses to extend the packs' checkpoint chains",
            signer.keyId(),
            keyFile,
            signer.publicKeyBase64());
      } else {
        LOG.info("Checkpoints are signed with key {} from {}", signer.keyId(), keyFile);
      }
      int inputPartitions;
      SchemaProvisioner schemas = new SchemaProvisioner(serdes.client());
      // fail in seconds, naming the URL, rather than in the first record's processing
      schemas.requireReachable();
      // registers (and caches the ids of) every schema PALM writes, so no output waits for the
      // registry later; side by side with the topic checks, since a restarted pipeline decides
      // nothing until both are done
      CompletableFuture<List<SchemaProvisioner.SubjectReport>> schemasReady =
          CompletableFuture.supplyAsync(() -> schemas.provision(layout, packNames()));
      try (Admin admin = Admin.create(clientProperties)) {
        requireReachable(admin);
        provisioning =
            TopicProvisioner.builder(layout).build().provision(admin, packs, config.repair());
        inputPartitions = inputPartitions(admin);
      }
      logProvisioning(provisioning);
      rotatedKeys =
          new SigningKeyGuard(clientProperties, layout, serdes, Duration.ofSeconds(30))
              .changedKeys(packNames(), signer);
      if (!rotatedKeys.isEmpty() && !config.rotateSigningKey()) {
        if (signingKeyCreated) {
          // a key generated by a refused start was never used: do not leave it behind
          try {
            Files.deleteIfExists(keyFile);
          } catch (IOException e) {
            LOG.warn("Could not remove the unused key file {}: {}", keyFile, e.toString());
          }
        }
        throw new SigningKeyChangedException(
            "The latest checkpoints of "
                + rotatedKeys.entrySet().stream()
                    .map(e -> "pack '" + e.getKey() + "' were signed by key " + e.getValue())
                    .sorted()
                    .collect(java.util.stream.Collectors.joining(", "))
                + ", but this pipeline's key ("
                + keyFile
                + (signingKeyCreated ? ", just generated" : "")
                + ") is "
                + signer.keyId()
                + ". Give the original key file with --signing-key, or start once with"
                + " --rotate-signing-key to switch keys (the rotation is recorded in each pack's"
                + " audit chain).");
      }
      List<SchemaProvisioner.SubjectReport> subjects;
      try {
        subjects = schemasReady.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
      LOG.info(
          "Schema registry {}: {} subject(s) ready at {} or stricter ({} level(s) set by PALM)",
          serdes.registryUrl(),
          subjects.size(),
          SchemaProvisioner.REQUIRED,
          subjects.stream().filter(SchemaProvisioner.SubjectReport::levelSet).count());
      PolicyOptions options =
          PolicyOptions.defaults()
              .withCheckpoints(signer)
              .withStartupEvents(startupEvents(provisioning))
              .withInputPartitions(inputPartitions)
              .withKeyring(config.keyring())
              .withRuntimeEvents(runtimeEvents);
      Topology topology = PalmTopology.build(packs, layout, serdes, options);
      Properties props = streamsProperties();
      // the query API's port must be known first: Streams tells the other instances where it
      // answers
      queryServer = queryServerConfig.map(QueryServer::bind).orElse(null);
      if (queryServer != null) {
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, queryServer.applicationServer());
      }
      streams = new KafkaStreams(topology, props);
      streams.setUncaughtExceptionHandler(this::uncaught);
      CountDownLatch running = new CountDownLatch(1);
      streams.setStateListener((now, before) -> onStateChange(now, before, running));
      streams.start();
      if (queryServer != null) {
        queryServer.start(
            new QuerySources(
                streams, packs, layout, serdes, clientProperties, config.applicationId()));
      }
      awaitRunning(running);
      topicGuard =
          new TopicGuard(
                  Admin.create(clientProperties),
                  TopicProvisioner.builder(layout).build(),
                  packs,
                  runtimeEvents::offer)
              .start(config.topicGuardInterval());
    } catch (PackException | RuntimeException e) {
      closeQuietly();
      throw e;
    }
    LOG.info(
        "PALM pipeline '{}' running on {} for packs {} (topics '{}.*', state {})",
        config.applicationId(),
        config.effectiveBootstrapServers(),
        packNames(),
        layout.prefix(),
        config.stateDir());
    return provisioning;
  }

  /**
   * Fails fast, naming the servers, when the cluster does not answer, instead of timing out deep in
   * provisioning.
   */
  private void requireReachable(Admin admin) {
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) REACH_TIMEOUT.toMillis()))
          .clusterId()
          .get(REACH_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while connecting to Kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "Cannot reach Kafka at "
              + config.effectiveBootstrapServers()
              + " within "
              + REACH_TIMEOUT.toSeconds()
              + " s ("
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage()
              + "); check the bootstrap servers and the client config (SASL/TLS)",
          cause);
    }
  }

  /**
   * The partition count of the input topics, which must be equal: the policy stage joins them by
   * partition, so a pack's operations, answers and releases must land in the same task for its
   * records to stay in one order.
   */
  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the input topics", e);
    }
  }

  private int inputPartitions(Admin admin) {
    List<String> inputs = layout.inputs().stream().map(TopicSpec::name).toList();
    List<String> audits = packNames().stream().map(p -> layout.audit(p).name()).toList();
    List<String> all = new ArrayList<>(inputs);
    all.addAll(audits);
    Map<String, TopicDescription> described = null;
    // topics just created by provisioning may not be in every broker's metadata yet: wait for them,
    // bounded
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (described == null) {
      try {
        described = admin.describeTopics(all).allTopicNames().get(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while describing the input topics", e);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Could not describe the input and audit topics " + all + ": " + e.getMessage(), e);
        }
        pause(200);
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "Could not describe the input and audit topics " + all + ": " + e.getMessage(), e);
      }
    }
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, Integer> auditCounts = new TreeMap<>();
    described.forEach(
        (name, d) ->
            (audits.contains(name) ? auditCounts : counts).put(name, d.partitions().size()));
    if (counts.values().stream().distinct().count() != 1) {
      throw new IllegalStateException(
          "The input topics have different partition counts "
              + counts
              + "; give"
              + " them all the same count (add partitions with kafka-topics --alter), so that each pack's"
              + " operations, approval responses and hold releases are processed by one task in one order");
    }
    int partitions = counts.values().iterator().next();
    auditCounts.forEach(
        (topic, count) -> {
          if (count != partitions) {
            throw new IllegalStateException(
                "Audit topic "
                    + topic
                    + " has "
                    + count
                    + " partition(s) but the input topics have "
                    + partitions
                    + "; the audit watcher reads a pack's chain back in the task that owns the pack,"
                    + " so give the audit topics the same partition count as the inputs");
          }
        });
    return partitions;
  }

  /**
   * What the pipeline records in each pack's audit chain when it starts: that it started enforcing
   * the pack, and every topic setting repaired for the pack (a repaired shared topic concerns every
   * pack).
   */
  List<SystemEvent> startupEvents(ProvisioningReport report) {
    // one id per start: the records of one start can be told apart from those of another, and the
    // topology
    // records a start's events once even when a task is re-initialised after a rebalance
    String startId = UUID.randomUUID().toString();
    List<SystemEvent> events = new ArrayList<>();
    for (PlatformPack pack : packs) {
      String name = pack.metadata().name();
      Map<String, String> details = new TreeMap<>();
      details.put("pipeline.application_id", config.applicationId());
      details.put("pipeline.topic_prefix", layout.prefix());
      details.put("pack.version", pack.metadata().version());
      details.put("pipeline.packs", String.join(",", packNames()));
      details.put("pipeline.repair_mode", Boolean.toString(config.repair()));
      details.put(SystemEvent.START_ID, startId);
      // the key that signs this start's checkpoints is itself on the record
      details.put("checkpoint.signing_key_id", signer.keyId());
      details.put("checkpoint.public_key", signer.publicKeyBase64());
      if (signingKeyCreated) {
        details.put("checkpoint.signing_key_created", "true");
      }
      Optional.ofNullable(rotatedKeys.get(name))
          .ifPresent(previous -> details.put("checkpoint.signing_key_rotated_from", previous));
      events.add(
          new SystemEvent(
              name,
              AuditEventType.PIPELINE_STARTED,
              AuditEventType.PIPELINE_STARTED.name(),
              "pipeline '"
                  + config.applicationId()
                  + "' started enforcing pack '"
                  + name
                  + "' version "
                  + pack.metadata().version(),
              details));
      for (TopicRepair repair : report.repairs()) {
        Optional<String> owner = layout.find(repair.topic()).flatMap(TopicSpec::pack);
        if (owner.isPresent() && !owner.get().equals(name)) {
          continue;
        }
        events.add(
            new SystemEvent(
                name,
                AuditEventType.TOPIC_REPAIRED,
                AuditEventType.TOPIC_REPAIRED.name(),
                "topic "
                    + repair.topic()
                    + ": "
                    + repair.setting()
                    + " changed from "
                    + repair.before()
                    + " to "
                    + repair.after()
                    + " (--repair)",
                Map.of(
                    "topic",
                    repair.topic(),
                    "topic.setting",
                    repair.setting(),
                    "topic.before",
                    repair.before(),
                    "topic.after",
                    repair.after(),
                    SystemEvent.START_ID,
                    startId)));
      }
    }
    return List.copyOf(events);
  }

  private void validatePacks() throws PackException {
    List<String> problems = new ArrayList<>();
    for (PlatformPack pack : packs) {
      ValidationResult result = PackValidator.validate(PlatformPackConfig.of(pack));
      if (!result.valid()) {
        problems.add("pack '" + pack.metadata().name() + "': " + result.describe());
      }
    }
    if (!problems.isEmpty()) {
      throw new PackException(
          dev.palm.packs.PackError.VALIDATION,
          "Refusing to enforce invalid packs (fix them,"
              + " check with `palm packs validate`, or remove them from the packs folder):\n"
              + String.join("\n", problems));
    }
  }

  private void createStateDir() {
    try {
      Files.createDirectories(config.stateDir());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not create the state folder "
              + config.stateDir()
              + "; give a writable --state-dir",
          e);
    }
  }

  private static void logProvisioning(ProvisioningReport report) {
    if (!report.created().isEmpty()) {
      LOG.info("Created {} topic(s): {}", report.created().size(), report.created());
    }
    report
        .repairs()
        .forEach(r -> LOG.warn("Repaired topic setting (recorded as TOPIC_REPAIRED): {}", r));
    report
        .warnings()
        .forEach(
            w ->
                LOG.warn("Topic setting differs from the pack's (not blocking): {}", w.describe()));
  }

  /**
   * PALM's {@code max.task.idle.ms}: disabled. A pack's task reads several input topics
   * (operations, answers, releases, outcomes) whose relative order carries no meaning (each answer
   * names what it answers), so waiting for an idle topic's fetch buys nothing; and with idling
   * enabled Kafka Streams 4.3 formats a log string for every empty input partition before every
   * record, which cost 8 % of the stream thread (docs/benchmarks.md). A streams override may set it
   * back.
   */
  public static final String MAX_TASK_IDLE_MS =
      Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);

  /**
   * PALM's producer settings, unprefixed like the session timeout so that the client config (with
   * or without the {@code producer.} prefix) wins. Under exactly-once every commit flushes the
   * producer and waits for the acknowledgements; with Kafka Streams' default {@code linger.ms} of
   * 100 (the commit interval) nearly everything a commit interval wrote is still in the producer at
   * that point, so the stream thread idles while it all goes out. A 5 ms linger sends it along the
   * way, and the larger batch keeps the batches full (docs/benchmarks.md).
   */
  public static final Map<String, String> PRODUCER_DEFAULTS =
      Map.of(ProducerConfig.LINGER_MS_CONFIG, "5", ProducerConfig.BATCH_SIZE_CONFIG, "131072");

  /**
   * The Kafka Streams configuration: client properties, then PALM's settings, then the overrides.
   */
  Properties streamsProperties() {
    Properties props = new Properties();
    // A dead instance's tasks move after the session timeout: Kafka's 45 s would stop decisions
    // that long after a crash; heartbeats come from a background thread, so 10 s is safe. Set
    // unprefixed and before the client config, so a session.timeout.ms of the client config wins
    // (only the group's consumer uses it); the producer defaults likewise.
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(SESSION_TIMEOUT_MS));
    props.putAll(PRODUCER_DEFAULTS);
    props.putAll(clientProperties);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.commitInterval().toMillis()));
    // one total order per pack is processed by one task; more threads only help with many packs
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    // no global stores here; enabling it keeps Kafka Streams from warning about the future default
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, MAX_TASK_IDLE_MS);
    props.putAll(config.streamsOverrides());
    return props;
  }

  private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse uncaught(Throwable e) {
    if (RegistryUnavailableException.isCause(e)) {
      // the records are fine: a new thread resumes at the committed offsets and waits for the
      // registry
      LOG.warn(
          "PALM pipeline '{}': replacing the stream thread after a schema registry outage ({}); the same"
              + " records are processed again once {} answers",
          config.applicationId(),
          RegistryUnavailableException.find(e).map(Throwable::getMessage).orElse(e.toString()),
          serdes.registryUrl());
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    // Records that cannot be read or processed go to the dead-letter topic inside the topology, and
    // registry
    // outages are replayed there (dlq.Outages); what reaches this handler is a bug or an
    // infrastructure failure.
    // Replacing the thread would retry the same record forever, so the client shuts down and says
    // why.
    LOG.error(
        "PALM pipeline '{}' stopped by an unexpected error: {}. Processing stops rather than skip records;"
            + " fix the cause and restart (committed work is kept, nothing is lost or duplicated).",
        config.applicationId(),
        e.toString(),
        e);
    failure.compareAndSet(null, e);
    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  private void onStateChange(
      KafkaStreams.State now, KafkaStreams.State before, CountDownLatch running) {
    LOG.debug("Kafka Streams state {} -> {}", before, now);
    if (now == KafkaStreams.State.RUNNING) {
      running.countDown();
    }
    if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
      running.countDown();
      stopped.countDown();
    }
  }

  private void awaitRunning(CountDownLatch running) {
    boolean reached;
    try {
      reached = running.await(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the pipeline to start", e);
    }
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      String cause = Optional.ofNullable(failure.get()).map(t -> ": " + t).orElse("");
      throw new IllegalStateException(
          "The PALM pipeline did not start: Kafka Streams is "
              + state
              + (reached ? "" : " after " + config.startTimeout().toSeconds() + " s")
              + cause
              + "; check that "
              + config.effectiveBootstrapServers()
              + " is reachable with the client settings"
              + " and that the schema registry "
              + config.registryUrl()
              + " answers");
    }
  }

  /**
   * Serves the HTTP query API (docs/query-api.md) with {@code queryConfig} while the pipeline runs;
   * call before {@link #start()}.
   */
  public synchronized PalmService withQueryServer(QueryServerConfig queryConfig) {
    if (streams != null || closed) {
      throw new IllegalStateException(
          "Configure the query API before starting the pipeline service");
    }
    this.queryServerConfig = Optional.of(queryConfig);
    return this;
  }

  /** The running query API, when the service was started with one. */
  public synchronized Optional<QueryServer> queryServer() {
    return Optional.ofNullable(queryServer);
  }

  /** The packs this pipeline enforces. */
  public List<PlatformPack> packs() {
    return packs;
  }

  /** The pack names, in the order of {@link #packs()}. */
  public List<String> packNames() {
    return packs.stream().map(p -> p.metadata().name()).toList();
  }

  /** The configuration the service was created with. */
  public PipelineConfig config() {
    return config;
  }

  /** The topic layout the pipeline reads and writes. */
  public TopicLayout layout() {
    return layout;
  }

  /** The serdes bound to the pipeline's schema registry (and its registry settings). */
  public PalmSerdes serdes() {
    return serdes;
  }

  /**
   * The Kafka client properties (bootstrap servers and the client config file's SASL/TLS settings).
   */
  public Map<String, Object> clientProperties() {
    return clientProperties;
  }

  /** The signer of the checkpoints, once started. */
  public Optional<CheckpointSigner> signer() {
    return Optional.ofNullable(signer);
  }

  /** What provisioning did, once started. */
  public Optional<ProvisioningReport> provisioning() {
    return Optional.ofNullable(provisioning);
  }

  /** The Kafka Streams state, or NOT_RUNNING before start and after close. */
  public KafkaStreams.State state() {
    return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
  }

  /** The error that stopped the pipeline, if one did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /**
   * Waits until the pipeline stops on its own (an unexpected error) or {@code timeout} passes.
   *
   * @return true when the pipeline stopped
   */
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops Kafka Streams (letting it commit its last transaction), then calls each pack's {@code
   * onUnload()}. State stays in the state folder, so a new service with the same application id
   * continues where this one stopped. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (topicGuard != null) {
      topicGuard.close();
    }
    if (queryServer != null) {
      queryServer.close();
    }
    if (streams != null) {
      // leave the consumer group, so a replacement instance takes over at once instead of waiting
      // for
      // this member's session to time out
      CloseOptions options =
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(CLOSE_TIMEOUT);
      if (!streams.close(options)) {
        LOG.warn(
            "Kafka Streams did not stop within {} s; uncommitted work will be redone on the next start",
            CLOSE_TIMEOUT.toSeconds());
      }
    }
    stopped.countDown();
    for (PlatformPack pack : loaded) {
      try {
        pack.onUnload();
      } catch (PackException | RuntimeException e) {
        LOG.warn("Pack '{}' failed in onUnload(): {}", pack.metadata().name(), e.getMessage());
      }
    }
    loaded.clear();
    LOG.info("PALM pipeline '{}' stopped", config.applicationId());
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.debug("Closing after a failed start: {}", e.toString());
    }
  }
}
