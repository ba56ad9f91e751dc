package dev.palm.streams.bench;

import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PackException;
import dev.palm.registry.RegistryConfig;
import dev.palm.streams.clients.KafkaClientProperties;
import dev.palm.streams.service.PalmService;
import dev.palm.streams.service.PipelineConfig;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Measures end-to-end, exactly-once throughput and decision latency of the PALM pipeline against a
 * baseline measured in the same run on the same broker: {@link PassThroughApp}, a Kafka Streams
 * application with the same serdes and exactly-once settings that answers every operation without
 * any policy.
 *
 * <p>For each application: warm-up operations are published and answered first, then {@code
 * operations} operations are published (as fast as possible, or at a fixed rate) and the clock
 * stops when a read_committed consumer of the decisions topic has read all their decisions. PALM
 * enforces a {@link BenchPack} and receives {@code restart} operations for deployments created
 * before the warm-up, so every operation is ALLOWED. Everything created (topics, state folders, the
 * applications) is removed at the end.
 */
public final class PipelineBenchmark {

  private static final Duration POLL = Duration.ofMillis(50);
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final String ACTOR_ID = "bench-operator";

  /**
   * What to run.
   *
   * @param operations operations in each measured pass
   * @param warmupOperations operations published and answered before measuring, per application
   * @param deployments deployments created for PALM before the warm-up; the restarts cycle over
   *     them
   * @param rate publishing rate in operations per second; 0 publishes as fast as possible
   * @param commitInterval Streams' {@code commit.interval.ms} of both applications
   * @param phaseTimeout the longest wait for one pass's decisions before failing
   * @param latencySeconds length of each of PALM's paced latency passes (at {@link #LOAD_PERCENTS}
   *     of its measured rate); 0 runs none
   */
  public record Settings(
      int operations,
      int warmupOperations,
      int deployments,
      int rate,
      Duration commitInterval,
      Duration phaseTimeout,
      int latencySeconds) {

    /** Validates the numbers. */
    public Settings {
      if (operations < 1) {
        throw new IllegalArgumentException("--operations must be at least 1, got " + operations);
      }
      if (warmupOperations < 0) {
        throw new IllegalArgumentException(
            "--warmup-operations must be 0 or more, got " + warmupOperations);
      }
      if (deployments < 1) {
        throw new IllegalArgumentException("--deployments must be at least 1, got " + deployments);
      }
      if (rate < 0) {
        throw new IllegalArgumentException(
            "--rate must be 0 (as fast as possible) or more, got " + rate);
      }
      Objects.requireNonNull(commitInterval, "commitInterval");
      Objects.requireNonNull(phaseTimeout, "phaseTimeout");
      if (latencySeconds < 0) {
        throw new IllegalArgumentException(
            "--latency-seconds must be 0 (no latency passes) or more, got " + latencySeconds);
      }
    }
  }

  /** The loads of PALM's latency passes, in percent of the rate its measured pass reached. */
  public static final List<Integer> LOAD_PERCENTS = List.of(25, 50, 90);

  /**
   * One of PALM's paced latency passes.
   *
   * @param loadPercent the load, in percent of PALM's measured rate
   * @param targetRate the publishing rate, operations per second
   * @param run what the pass measured
   */
  public record LatencyPoint(int loadPercent, int targetRate, PipelineRun run) {}

  /**
   * Where to run.
   *
   * @param bootstrapServers Kafka {@code bootstrap.servers}; empty to take it from the client
   *     config file
   * @param clientConfigFile Kafka client properties (SASL/TLS), as for {@code palm run}
   * @param registryUrl the schema registry's base URL
   */
  public record Target(
      Optional<String> bootstrapServers, Optional<Path> clientConfigFile, String registryUrl) {

    /** Checks the parts are present. */
    public Target {
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      Objects.requireNonNull(clientConfigFile, "clientConfigFile");
      Objects.requireNonNull(registryUrl, "registryUrl");
    }
  }

  private final Target target;
  private final Settings settings;
  private final BenchPack benchPack;
  private final Consumer<String> progress;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final String prefix = "palm-bench-" + runId;

  /**
   * @param target the cluster and registry
   * @param settings sizes and rates
   * @param benchPack the pack PALM enforces (see {@link BenchPack#derive})
   * @param progress receives progress lines (one per phase, and one every 2 s while waiting)
   */
  public PipelineBenchmark(
      Target target, Settings settings, BenchPack benchPack, Consumer<String> progress) {
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.benchPack = Objects.requireNonNull(benchPack, "benchPack");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * The result of the three applications.
   *
   * @param baseline the pass-through baseline (no state)
   * @param palm PALM
   * @param stateful the stateful baseline: one get and put per operation and PALM's output shape
   * @param shape PALM's output per operation in this run, which the stateful baseline copied
   * @param latency PALM's paced latency passes (empty when none were run)
   * @param commitIntervalMs the applications' {@code commit.interval.ms}
   */
  public record Comparison(
      PipelineRun baseline,
      PipelineRun palm,
      PipelineRun stateful,
      StatefulBaselineApp.OutputShape shape,
      List<LatencyPoint> latency,
      long commitIntervalMs) {

    /** Copies the list. */
    public Comparison {
      latency = List.copyOf(latency);
    }

    /**
     * Issue 11's latency goal for the pass at 50 % load: visible p99 at most twice the commit
     * interval plus 50 ms (a decision waits for at most one commit, plus processing).
     */
    public long latencyGoalMs() {
      return 2 * commitIntervalMs + 50;
    }

    /** PALM's throughput as a fraction of the pass-through baseline's (1.0 = no overhead). */
    public double throughputRatio() {
      return palm.opsPerSecond() / baseline.opsPerSecond();
    }

    /** PALM's throughput as a fraction of the stateful baseline's (the goal: ≥ 0.5). */
    public double statefulRatio() {
      return palm.opsPerSecond() / stateful.opsPerSecond();
    }
  }

  /**
   * Runs the baseline, then PALM, and removes what they created.
   *
   * @throws PackException when the bench pack is invalid
   * @throws IllegalStateException when an application fails or does not answer within the phase
   *     timeout
   */
  public Comparison run() throws PackException {
    List<Path> stateDirs = new ArrayList<>();
    PipelineConfig config = pipelineConfig(newStateDir(stateDirs));
    Map<String, Object> all = config.kafkaClientProperties();
    Map<String, Object> kafka = new HashMap<>(all);
    kafka.keySet().removeIf(RegistryConfig::isRegistrySetting);
    PalmSerdes serdes = PalmSerdes.fromConfig(PalmSerdes.config(target.registryUrl(), all));
    try {
      PipelineRun baseline = runBaseline(kafka, serdes, newStateDir(stateDirs));
      List<LatencyPoint> latency = new ArrayList<>();
      PipelineRun palm = runPalm(config, kafka, serdes, latency);
      long latencyOperations = latency.stream().mapToLong(point -> point.run().operations()).sum();
      StatefulBaselineApp.OutputShape shape =
          palmOutputShape(kafka, config.applicationId(), latencyOperations);
      progress.accept(
          String.format(
              java.util.Locale.ROOT,
              "palm: wrote %.2f output records of %.0f bytes on average per operation, and %.2f"
                  + " changelog records (%d state stores)",
              shape.recordsPerOperation(),
              shape.bytesPerRecord(),
              shape.changelogRecordsPerOperation(),
              shape.stores()));
      PipelineRun stateful = runStateful(kafka, serdes, newStateDir(stateDirs), shape);
      return new Comparison(
          baseline, palm, stateful, shape, latency, settings.commitInterval().toMillis());
    } finally {
      deleteTopics(kafka);
      stateDirs.forEach(PipelineBenchmark::deleteQuietly);
    }
  }

  private PipelineConfig pipelineConfig(Path stateDir) {
    return PipelineConfig.builder()
        .bootstrapServers(target.bootstrapServers())
        .clientConfigFile(target.clientConfigFile())
        .registryUrl(target.registryUrl())
        .stateDir(stateDir)
        .applicationId(prefix + "-palm")
        .topicPrefix(prefix)
        .commitInterval(settings.commitInterval())
        .build();
  }

  private PipelineRun runBaseline(Map<String, Object> kafka, PalmSerdes serdes, Path stateDir) {
    String input = prefix + ".baseline.operations";
    String output = prefix + ".baseline.decisions";
    createTopics(kafka, List.of(input, output));
    return runStreamsApp(
        "baseline",
        "pass-through",
        PassThroughApp.topology(input, output, serdes),
        input,
        output,
        kafka,
        serdes,
        stateDir);
  }

  private PipelineRun runStateful(
      Map<String, Object> kafka,
      PalmSerdes serdes,
      Path stateDir,
      StatefulBaselineApp.OutputShape shape) {
    String input = prefix + ".stateful.operations";
    String output = prefix + ".stateful.decisions";
    String extra = prefix + ".stateful.audit";
    createTopics(kafka, List.of(input, output, extra));
    return runStreamsApp(
        "stateful",
        "stateful (get + put, PALM's output shape)",
        StatefulBaselineApp.topology(input, output, extra, serdes, shape),
        input,
        output,
        kafka,
        serdes,
        stateDir);
  }

  /**
   * PALM's output records per operation and their mean size over the whole run (setup, warm-up,
   * measured and latency passes), from its pack's decisions, approvals and audit topics.
   */
  private StatefulBaselineApp.OutputShape palmOutputShape(
      Map<String, Object> kafka, String applicationId, long latencyOperations) {
    TopicLayout layout = TopicLayout.withPrefix(prefix);
    String pack = benchPack.pack().metadata().name();
    long operations =
        (long) settings.deployments()
            + settings.warmupOperations()
            + settings.operations()
            + latencyOperations;
    Counted output =
        countRecords(
            kafka,
            List.of(
                layout.decisions(pack).name(),
                layout.approvals(pack).name(),
                layout.audit(pack).name()));
    if (output.records() == 0) {
      throw new IllegalStateException("PALM wrote no output records; nothing to compare with");
    }
    // what PALM's state stores wrote besides (Kafka Streams' changelogs of its application id)
    String changelogPrefix = applicationId + "-";
    List<String> changelogs;
    try (Admin admin = Admin.create(kafka)) {
      changelogs =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(t -> t.startsWith(changelogPrefix) && t.endsWith("-changelog"))
              .sorted()
              .toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while listing PALM's changelogs", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not list PALM's changelogs: " + e.getMessage(), e);
    }
    long changelogRecords = 0;
    Map<String, Long> perStore = new TreeMap<>();
    for (String topic : changelogs) {
      long records = countRecords(kafka, List.of(topic)).records();
      changelogRecords += records;
      perStore.put(
          topic.substring(changelogPrefix.length(), topic.length() - "-changelog".length()),
          records);
    }
    progress.accept(
        "palm: changelog records per store over " + operations + " operations: " + perStore);
    return new StatefulBaselineApp.OutputShape(
        (double) output.records() / operations,
        (double) output.bytes() / output.records(),
        (double) changelogRecords / operations,
        changelogs.size());
  }

  /** Records and their value bytes. */
  private record Counted(long records, long bytes) {}

  /** Committed records and their value bytes in {@code topics}, read from the beginning. */
  private Counted countRecords(Map<String, Object> kafka, List<String> topics) {
    long records = 0;
    long bytes = 0;
    Map<String, Object> props = KafkaClientProperties.assignedReader(kafka);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            props,
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      for (String topic : topics) {
        List<TopicPartition> partitions =
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + settings.phaseTimeout().toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Reading " + topic + " did not finish in time");
          }
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
            records++;
            bytes += r.value() == null ? 0 : r.value().length;
          }
        }
      }
    }
    return new Counted(records, bytes);
  }

  private PipelineRun runStreamsApp(
      String system,
      String description,
      org.apache.kafka.streams.Topology topology,
      String input,
      String output,
      Map<String, Object> kafka,
      PalmSerdes serdes,
      Path stateDir) {
    Properties base = new Properties();
    base.putAll(kafka);
    Properties props =
        PassThroughApp.streamsProperties(
            base, prefix + "-" + system, stateDir.toString(), settings.commitInterval().toMillis());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long start = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      streams.setUncaughtExceptionHandler(
          e -> {
            failure.compareAndSet(null, e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
                .StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          });
      streams.start();
      awaitRunning(streams, failure);
      progress.accept(
          String.format(
              "%s: Kafka Streams %s application running (%.1f s)",
              system, description, seconds(start)));
      Supplier<Optional<Throwable>> failed = () -> Optional.ofNullable(failure.get());
      try (Driver driver = new Driver(system, kafka, serdes, input, output, failed)) {
        driver.pass("warm-up", settings.warmupOperations(), 0, this::restart);
        return driver.pass("measured", settings.operations(), settings.rate(), this::restart);
      }
    } finally {
      progress.accept(system + ": stopped");
    }
  }

  private PipelineRun runPalm(
      PipelineConfig config,
      Map<String, Object> kafka,
      PalmSerdes serdes,
      List<LatencyPoint> latency)
      throws PackException {
    long start = System.nanoTime();
    try (PalmService service = PalmService.create(config, List.of(benchPack.pack()))) {
      service.start();
      TopicLayout layout = service.layout();
      String pack = benchPack.pack().metadata().name();
      progress.accept(
          String.format(
              "palm: pipeline running, enforcing bench pack '%s' (%.1f s)", pack, seconds(start)));
      try (Driver driver =
          new Driver(
              "palm",
              kafka,
              serdes,
              layout.operations().name(),
              layout.decisions(pack).name(),
              service::failure)) {
        PipelineRun setup = driver.pass("setup", settings.deployments(), 0, this::createDeployment);
        requireAllAllowed(setup, "creating " + settings.deployments() + " deployments");
        PipelineRun warmup = driver.pass("warm-up", settings.warmupOperations(), 0, this::restart);
        requireAllAllowed(warmup, "the warm-up");
        PipelineRun measured =
            driver.pass("measured", settings.operations(), settings.rate(), this::restart);
        if (settings.latencySeconds() > 0) {
          // paced below the measured rate, so latency is the pipeline's and not a queue's
          for (int percent : LOAD_PERCENTS) {
            int rate = (int) Math.max(1, Math.round(measured.opsPerSecond() * percent / 100.0));
            int count = (int) Math.min(Integer.MAX_VALUE, (long) rate * settings.latencySeconds());
            PipelineRun run =
                driver.pass("latency at " + percent + "% load", count, rate, this::restart);
            latency.add(new LatencyPoint(percent, rate, run));
          }
        }
        return measured;
      }
    } finally {
      progress.accept("palm: stopped");
    }
  }

  private void requireAllAllowed(PipelineRun run, String what) {
    int allowed = run.decisions().getOrDefault("ALLOWED", 0);
    if (allowed != run.operations()) {
      throw new IllegalStateException(
          "The bench pack did not allow every operation of "
              + what
              + ": "
              + run.decisions()
              + "; the measured pass would not take the ALLOWED path. Check the pack's"
              + " limits (palm packs show "
              + benchPack.base()
              + ")");
    }
  }

  private OperationRequested.Builder operation(
      String id, String name, String deployment, long requestedAt) {
    return OperationRequested.newBuilder()
        .setOperationId(id)
        .setPack(benchPack.pack().metadata().name())
        .setOperation(name)
        .setDeploymentId(deployment)
        .setAgentId("bench-agent")
        .setActor(new Actor(ACTOR_ID, ActorType.SERVICE))
        .setEnvironment("bench")
        .setRequestedAt(Instant.ofEpochMilli(requestedAt))
        .setParameters(Map.of())
        .setJustification("palm bench");
  }

  private OperationRequested createDeployment(String id, int index, long requestedAt) {
    return operation(id, "create_deployment", deployment(index), requestedAt)
        .setTargetReplicas(1)
        .build();
  }

  private OperationRequested restart(String id, int index, long requestedAt) {
    return operation(id, "restart", deployment(index % settings.deployments()), requestedAt)
        .build();
  }

  private String deployment(int index) {
    return "bench-deployment-" + index;
  }

  private void awaitRunning(KafkaStreams streams, AtomicReference<Throwable> failure) {
    long deadline = System.nanoTime() + settings.phaseTimeout().toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (failure.get() != null
          || streams.state() == KafkaStreams.State.ERROR
          || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException(
            "The baseline Kafka Streams application failed to start: "
                + (failure.get() == null ? streams.state() : failure.get()),
            failure.get());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The baseline Kafka Streams application did not reach RUNNING within "
                + settings.phaseTimeout().toSeconds()
                + " s (state "
                + streams.state()
                + ")");
      }
      sleep(50);
    }
  }

  private void createTopics(Map<String, Object> kafka, List<String> names) {
    try (Admin admin = Admin.create(kafka)) {
      // one partition, like PALM's input topics, and the cluster's default replication
      admin
          .createTopics(
              names.stream().map(n -> new NewTopic(n, Optional.of(1), Optional.empty())).toList())
          .all()
          .get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating the baseline topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Could not create the baseline topics " + names + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes the topics of this run (its prefix: PALM's, the baseline's and both applications'
   * internal ones).
   */
  private void deleteTopics(Map<String, Object> kafka) {
    try (Admin admin = Admin.create(kafka)) {
      List<String> mine =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(name -> name.startsWith(prefix))
              .toList();
      if (!mine.isEmpty()) {
        admin.deleteTopics(mine).all().get(60, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      progress.accept(
          "note: could not delete the benchmark's topics '"
              + prefix
              + "*': "
              + e.getMessage()
              + "; delete them by hand");
    }
  }

  private Path newStateDir(List<Path> dirs) {
    try {
      Path dir = Files.createTempDirectory("palm-bench-state-");
      dirs.add(dir);
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Could not create a temporary state folder in "
              + System.getProperty("java.io.tmpdir")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // a leftover temporary folder is harmless; the OS cleans it up
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Builds operation {@code index} with the given id and request time. */
  @FunctionalInterface
  private interface OperationFactory {
    OperationRequested create(String operationId, int index, long requestedAtMillis);
  }

  /** Publishes passes of operations to one application and reads their decisions back. */
  private final class Driver implements AutoCloseable {
    private final String system;
    private final String input;
    private final KafkaProducer<String, OperationRequested> producer;
    private final KafkaConsumer<String, PolicyDecision> consumer;
    private final Supplier<Optional<Throwable>> failure;

    Driver(
        String system,
        Map<String, Object> kafka,
        PalmSerdes serdes,
        String input,
        String output,
        Supplier<Optional<Throwable>> failure) {
      this.system = system;
      this.input = input;
      this.failure = failure;
      this.producer =
          new KafkaProducer<>(
              KafkaClientProperties.idempotentWriter(kafka),
              new StringSerializer(),
              serdes.valueSerializer(OperationRequested.class));
      this.consumer =
          new KafkaConsumer<>(
              KafkaClientProperties.assignedReader(kafka),
              new StringDeserializer(),
              serdes.valueDeserializer(PolicyDecision.class));
      List<TopicPartition> partitions =
          consumer.partitionsFor(output, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("The decisions topic " + output + " has no partitions");
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // resolve the end now, before anything is published
    }

    /**
     * Publishes {@code count} operations (paced at {@code rate} per second unless 0) from a second
     * thread and returns once all their decisions were read.
     */
    PipelineRun pass(String phase, int count, int rate, OperationFactory factory) {
      String label = system + " " + phase;
      if (count == 0) {
        return new PipelineRun(
            system,
            0,
            0,
            0,
            LatencyStats.of(new long[0]),
            LatencyStats.of(new long[0]),
            Map.of(),
            0);
      }
      String idPrefix = prefix + "-" + system + "-" + phase + "-";
      Map<String, Long> requestedAt = new ConcurrentHashMap<>(count * 2);
      AtomicReference<Exception> sendFailure = new AtomicReference<>();
      long start = System.nanoTime();
      Thread publisher =
          new Thread(
              () -> publish(count, rate, factory, idPrefix, requestedAt, sendFailure),
              "palm-bench-publisher");
      publisher.setDaemon(true);
      publisher.start();

      long[] decided = new long[count];
      long[] visible = new long[count];
      Map<String, Integer> decisions = new TreeMap<>();
      java.util.Set<String> seen = new java.util.HashSet<>(count * 2);
      long deadline = start + settings.phaseTimeout().toNanos();
      long nextProgress = start + PROGRESS_EVERY_NANOS;
      long end = start;
      int duplicates = 0;
      while (seen.size() < count) {
        for (ConsumerRecord<String, PolicyDecision> record : consumer.poll(POLL)) {
          long now = System.currentTimeMillis();
          Long sent = requestedAt.get(record.key());
          if (sent == null) {
            continue; // a decision of an earlier pass
          }
          if (!seen.add(record.key())) {
            duplicates++;
            continue;
          }
          int i = seen.size() - 1;
          decided[i] = Math.max(0, record.timestamp() - sent);
          visible[i] = Math.max(0, now - sent);
          decisions.merge(record.value().getDecision().name(), 1, Integer::sum);
          end = System.nanoTime();
        }
        long now = System.nanoTime();
        if (sendFailure.get() != null) {
          throw new IllegalStateException(
              label + ": publishing to " + input + " failed: " + sendFailure.get().getMessage(),
              sendFailure.get());
        }
        Optional<Throwable> failed = failure.get();
        if (failed.isPresent()) {
          throw new IllegalStateException(
              label + ": the application stopped: " + failed.get(), failed.get());
        }
        if (now > deadline) {
          throw new IllegalStateException(
              label
                  + ": only "
                  + seen.size()
                  + " of "
                  + count
                  + " decisions arrived within "
                  + settings.phaseTimeout().toSeconds()
                  + " s; raise"
                  + " --timeout on a slow machine or lower --operations");
        }
        if (now >= nextProgress) {
          nextProgress = now + PROGRESS_EVERY_NANOS;
          double elapsed = (now - start) / 1e9;
          progress.accept(
              String.format(
                  "%s: %,d/%,d decisions (%,.0f ops/s so far, %.0f s)",
                  label, seen.size(), count, seen.size() / elapsed, elapsed));
        }
      }
      joinQuietly(publisher);
      double seconds = (end - start) / 1e9;
      PipelineRun run =
          new PipelineRun(
              system,
              count,
              seconds,
              count / seconds,
              LatencyStats.of(decided),
              LatencyStats.of(visible),
              decisions,
              duplicates);
      progress.accept(
          String.format(
              "%s: %,d decisions in %.2f s (%,.0f ops/s, p50 %d ms, p99 %d ms)",
              label,
              count,
              seconds,
              run.opsPerSecond(),
              run.decidedLatency().p50Ms(),
              run.decidedLatency().p99Ms()));
      return run;
    }

    private void publish(
        int count,
        int rate,
        OperationFactory factory,
        String idPrefix,
        Map<String, Long> requestedAt,
        AtomicReference<Exception> sendFailure) {
      String pack = benchPack.pack().metadata().name();
      long start = System.nanoTime();
      try {
        for (int i = 0; i < count && sendFailure.get() == null; i++) {
          if (rate > 0) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
          }
          String id = idPrefix + i;
          long now = System.currentTimeMillis();
          requestedAt.put(id, now);
          producer.send(
              new ProducerRecord<>(input, null, now, pack, factory.create(id, i, now)),
              (metadata, e) -> {
                if (e != null) {
                  sendFailure.compareAndSet(null, e);
                }
              });
        }
        producer.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        sendFailure.compareAndSet(null, e);
      }
    }

    private void joinQuietly(Thread thread) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      producer.close(Duration.ofSeconds(10));
      consumer.close(Duration.ofSeconds(10));
    }
  }
}
