package dev.palm.cli.run;

import dev.palm.audit.Keyring;
import dev.palm.cli.ExitCode;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.infra.EmbeddedKafka;
import dev.palm.streams.infra.RegistryServer;
import dev.palm.streams.query.QueryServerConfig;
import dev.palm.streams.sample.SampleIdentities;
import dev.palm.streams.sample.SampleKeys;
import dev.palm.streams.sample.SampleWorkload;
import dev.palm.streams.sample.WorkloadDriver;
import dev.palm.streams.sample.WorkloadReport;
import dev.palm.streams.service.PalmService;
import dev.palm.streams.service.PipelineConfig;
import dev.palm.streams.service.SigningKeyChangedException;
import dev.palm.streams.topics.ProvisioningReport;
import dev.palm.streams.topics.TopicPolicyViolation;
import dev.palm.wire.TopicLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `palm run`: the PALM pipeline with the canonical packs (and `--packs-dir` packs). Without
 * `--bootstrap-servers` it brings its own in-process Kafka broker and schema registry, publishes
 * the built-in sample workload that walks every decision path of every pack, checks each decision
 * against what the pack demands, reads every audit trail back and verifies its chain, and prints a
 * summary.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the PALM pipeline. With no --bootstrap-servers: start an in-process Kafka broker and a schema"
          + " registry, enforce the canonical packs, drive a sample workload through every decision path,"
          + " and print a summary with verified audit chains.",
      "Against an existing cluster: give --bootstrap-servers, --registry-url and, for SASL/TLS, --client-config.",
      "",
      "Exit codes: 0 every expected decision seen and every audit chain verifies; 1 a decision or a chain is not"
          + " as expected; 2 bad flags; 3 a pack cannot be loaded or is invalid; 4 Kafka or the registry cannot"
          + " be reached or the pipeline fails; 6 refused to start because an audit or checkpoint topic is"
          + " weaker than a pack demands (see --repair)."
    })
public final class RunCommand implements Callable<Integer> {

  /**
   * Environment variable with the query API's bearer token (used when --http-token is not given).
   */
  public static final String HTTP_TOKEN_ENV = "PALM_HTTP_TOKEN";

  @Option(
      names = {"-b", "--bootstrap-server", "--bootstrap-servers"},
      paramLabel = "HOST:PORT[,...]",
      description =
          "Run against this Kafka cluster instead of starting an in-process broker (also taken from"
              + " bootstrap.servers of --client-config).")
  Optional<String> bootstrapServers = Optional.empty();

  @Option(
      names = "--registry-url",
      paramLabel = "URL",
      description =
          "Schema registry URL (its Confluent-compatible API: http://registry:8081 for Confluent, Karapace,"
              + " Redpanda; http://registry:8080/apis/ccompat/v7 for Apicurio). Required with an existing"
              + " cluster; without it a registry server is started on a free local port.")
  Optional<String> registryUrl = Optional.empty();

  @Option(
      names = {"--command-config", "--client-config"},
      paramLabel = "FILE",
      description =
          "Kafka client properties file (security.protocol, sasl.*, ssl.*, ...) passed to every Kafka client of"
              + " the pipeline and the workload; registry settings (basic.auth.user.info, bearer.auth.token, schema.registry.*) configure the registry client.")
  Optional<Path> clientConfig = Optional.empty();

  @Option(
      names = "--packs-dir",
      paramLabel = "DIR",
      description =
          "Also enforce the pack files (*.yaml, *.yml, *.json) of this folder, e.g. packs/examples for a pack"
              + " with short timers that shows expiry, escalation and automatic release.")
  Optional<Path> packsDir = Optional.empty();

  @Option(
      names = "--no-workload",
      description = "Do not publish the sample workload: just run the pipeline until Ctrl-C.")
  boolean noWorkload;

  @Option(
      names = "--keep-running",
      description =
          "After the summary, keep the pipeline (and the in-process broker and registry) running for other"
              + " clients until Ctrl-C, and print their addresses.")
  boolean keepRunning;

  @Option(
      names = "--repair",
      description =
          "Repair existing audit/checkpoint topics that are compacted or retain less than a pack demands"
              + " (each repair is recorded in the pack's audit chain) instead of refusing to start.")
  boolean repair;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Kafka Streams state folder (RocksDB stores) and home of the checkpoint signing key. Default: a"
              + " temporary folder for the in-process run (deleted at exit), ~/.palm/state/<application-id>"
              + " against an existing cluster.")
  Optional<Path> stateDir = Optional.empty();

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      defaultValue = PipelineConfig.DEFAULT_APPLICATION_ID,
      description =
          "Kafka Streams application id (consumer group and internal topics). Default: ${DEFAULT-VALUE}.")
  String applicationId = PipelineConfig.DEFAULT_APPLICATION_ID;

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      defaultValue = TopicLayout.DEFAULT_PREFIX,
      description = "First part of every topic name. Default: ${DEFAULT-VALUE}.")
  String topicPrefix = TopicLayout.DEFAULT_PREFIX;

  @Option(
      names = "--signing-key",
      paramLabel = "FILE",
      description =
          "Ed25519 key pair (PEM) that signs the checkpoints; created if missing. Default:"
              + " <state-dir>/checkpoint-signing-key.pem.")
  Optional<Path> signingKey = Optional.empty();

  @Option(
      names = "--keyring",
      paramLabel = "FILE",
      description =
          "Actors' public keys the pipeline trusts for accountability proofs (packs with"
              + " accountability.require_proof): one '<actor> <base64 key> [revoked]' a line, as"
              + " written by palm keys generate --keyring. Changes are recorded in each pack's"
              + " audit chain at start.")
  Optional<Path> keyringFile = Optional.empty();

  @Option(
      names = "--rotate-signing-key",
      description =
          "Start even though the signing key is not the one that signed a pack's latest checkpoint;"
              + " the rotation (old and new key id) is recorded in each pack's audit chain. Without it,"
              + " such a start is refused (exit 6).")
  boolean rotateSigningKey;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description =
          "Serve the HTTP query API (docs/query-api.md) on 127.0.0.1:PORT (0 = any free port) while the pipeline"
              + " runs. Needs a bearer token: --http-token or the environment variable "
              + HTTP_TOKEN_ENV
              + ".")
  Optional<Integer> httpPort = Optional.empty();

  @Option(
      names = "--http-host",
      paramLabel = "HOST",
      description =
          "Address the query API listens on and tells other instances (default 127.0.0.1). Only for"
              + " networks that nothing untrusted reaches, e.g. the service's own name in a container network"
              + " whose port is published on 127.0.0.1 (docs/containers.md): the API speaks plain HTTP.")
  Optional<String> httpHost = Optional.empty();

  @Option(
      names = "--group-instance-id",
      paramLabel = "ID",
      description =
          "Static membership (Kafka's group.instance.id): an instance restarted with the same id and the"
              + " same --state-dir takes its work back at once, without waiting for the session timeout or"
              + " a rebalance (docs/running.md). Give each instance of the application its own id.")
  Optional<String> groupInstanceId = Optional.empty();

  @Option(
      names = "--http-token",
      paramLabel = "TOKEN",
      description =
          "Bearer token of the query API (at least 16 characters). Prefer the environment variable "
              + HTTP_TOKEN_ENV
              + ": a command-line argument is visible to other users in the process list.")
  Optional<String> httpToken = Optional.empty();

  @Option(
      names = "--verbose",
      description =
          "Show the log of the pipeline, Kafka and the registry client on standard error.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private volatile boolean waitingForStop;
  private volatile Resources running;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LaunchSupport.quietLogs(verbose);
    boolean embedded = bootstrapServers.isEmpty() && clientConfigBootstrap().isEmpty();
    if (!embedded && registryUrl.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Against an existing Kafka cluster, give the schema registry too: --registry-url http://host:port");
    }
    if (clientConfig.isPresent() && !Files.isRegularFile(clientConfig.get())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--client-config " + clientConfig.get() + " is not a readable file");
    }
    if (packsDir.isPresent() && !Files.isDirectory(packsDir.get())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--packs-dir " + packsDir.get() + " is not a folder of pack files");
    }
    staticMembership(); // a bad id is a usage error before anything starts
    // read before anything starts: a bad keyring is a usage error, not a failed start
    Keyring fileKeys = keyring();
    Optional<QueryServerConfig> http = queryServerConfig(System.getenv(HTTP_TOKEN_ENV));
    Progress progress = new Progress(out);
    try (Resources resources = new Resources()) {
      running = resources;
      SignalHandlers.onInterrupt(this::interrupted);
      return run(embedded, resources, progress, out, http, fileKeys);
    } catch (PackException e) {
      err.println("palm run: " + e.getMessage());
      return ExitCode.BAD_INPUT.code();
    } catch (TopicPolicyViolation | SigningKeyChangedException e) {
      err.println("palm run: " + e.getMessage());
      return ExitCode.REFUSED.code();
    } catch (IllegalArgumentException e) {
      err.println("palm run: " + e.getMessage());
      return ExitCode.USAGE.code();
    } catch (RuntimeException e) {
      err.println("palm run: " + describe(e));
      if (verbose) {
        e.printStackTrace(err);
      }
      return ExitCode.UNAVAILABLE.code();
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int run(
      boolean embedded,
      Resources resources,
      Progress progress,
      PrintWriter out,
      Optional<QueryServerConfig> http,
      Keyring fileKeys)
      throws PackException {
    String bootstrap;
    String registry;
    if (embedded) {
      progress.header("PALM: starting an in-process Kafka broker and schema registry");
      // the registry is a separate process: start it while the broker starts in this one
      long registryStart = System.nanoTime();
      CompletableFuture<RegistryServer> registryFuture =
          registryUrl.isPresent()
              ? CompletableFuture.completedFuture(null)
              : CompletableFuture.supplyAsync(RegistryServer::start);
      long brokerStart = System.nanoTime();
      resources.kafka = EmbeddedKafka.start();
      bootstrap = resources.kafka.bootstrapServers();
      progress.step("Kafka broker", bootstrap + " (in-process, temporary data)", brokerStart);
      try {
        resources.registry = registryFuture.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
      registry = registryUrl.orElseGet(() -> resources.registry.url());
      progress.step(
          "Schema registry",
          registry
              + (resources.registry != null
                  ? " (embedded Apicurio Registry, pid " + resources.registry.pid() + ")"
                  : ""),
          registryStart);
    } else {
      bootstrap = bootstrapServers.orElseGet(() -> clientConfigBootstrap().orElseThrow());
      registry = registryUrl.orElseThrow();
      progress.header(
          "PALM: running against Kafka at " + bootstrap + ", schema registry " + registry);
    }

    Path state =
        stateDir.orElseGet(() -> embedded ? resources.temporaryStateDir() : defaultStateDir());
    PipelineConfig.Builder builder =
        PipelineConfig.builder()
            .bootstrapServers(
                bootstrapServers.or(() -> embedded ? Optional.of(bootstrap) : Optional.empty()))
            .registryUrl(registry)
            .clientConfigFile(clientConfig)
            .packsDir(packsDir)
            .stateDir(state)
            .applicationId(applicationId)
            .topicPrefix(topicPrefix)
            .repair(repair)
            .rotateSigningKey(rotateSigningKey)
            .signingKeyFile(signingKey);
    staticMembership().forEach(builder::streamsOverride);
    PipelineConfig config = builder.build();
    List<PlatformPack> packs = PalmService.loadPacks(config);
    // The sample workload's actors sign with keys made for this run, which the pipeline trusts
    // besides the --keyring file's.
    SampleKeys sampleKeys = SampleKeys.generate(SampleIdentities.DEFAULT, packs);
    List<Keyring.ActorKey> trusted = new ArrayList<>(fileKeys.keys());
    if (!noWorkload) {
      trusted.addAll(sampleKeys.keyring().keys());
    }
    config = config.withKeyring(new Keyring(trusted));
    long pipelineStart = System.nanoTime();
    resources.service = PalmService.create(config, packs);
    http.ifPresent(resources.service::withQueryServer);
    ProvisioningReport provisioning = resources.service.start();
    progress.step(
        "Pipeline",
        "'"
            + applicationId
            + "' enforcing "
            + String.join(", ", resources.service.packNames())
            + "; "
            + provisioning.created().size()
            + " topic(s) created, "
            + provisioning.verified().size()
            + " checked"
            + (provisioning.repairs().isEmpty()
                ? ""
                : ", " + provisioning.repairs().size() + " setting(s) repaired and audited"),
        pipelineStart);
    provisioning.warnings().forEach(w -> out.println("  note: " + w.describe()));
    resources
        .service
        .signer()
        .ifPresent(
            signer ->
                out.printf(
                    "  %-16s %s (key id); verifiers pin it with --trusted-key %s%n",
                    "Checkpoint key", signer.keyId(), signer.publicKeyBase64()));
    resources
        .service
        .queryServer()
        .ifPresent(
            server ->
                out.printf(
                    "  %-16s %s (bearer token required except GET /health)%n",
                    "Query API", server.baseUri()));

    int exit = 0;
    if (!noWorkload) {
      SampleWorkload workload = SampleWorkload.forPacks(packs);
      out.println();
      out.printf(
          "Sample workload %s: %d operations over %d packs, requested by %s and %s, answered by %s%n",
          workload.runId(),
          workload.cases().size(),
          packs.size(),
          workload.identities().agent(),
          workload.identities().operator(),
          workload.identities().approvers().get(0));
      out.flush();
      WorkloadReport report;
      try (WorkloadDriver driver =
          new WorkloadDriver(
              resources.service.clientProperties(),
              resources.service.serdes(),
              resources.service.layout(),
              packs,
              Duration.ofSeconds(60),
              line -> {
                out.println(line);
                out.flush();
              },
              sampleKeys)) {
        report = driver.abortWhen(resources.service::failure).run(workload);
      }
      new RunSummary(out).print(report);
      exit = report.succeeded() ? 0 : ExitCode.CHECK_FAILED.code();
    }
    if ((keepRunning || noWorkload)
        && !keepRunningUntilInterrupted(out, bootstrap, registry, resources, packs)) {
      // a supervisor (systemd, a container's restart policy) must see that it did not stop on
      // request
      return ExitCode.UNAVAILABLE.code();
    }
    return exit;
  }

  /** Waits for Ctrl-C or the pipeline's own stop; false when the pipeline stopped by itself. */
  private boolean keepRunningUntilInterrupted(
      PrintWriter out,
      String bootstrap,
      String registry,
      Resources resources,
      List<PlatformPack> packs) {
    TopicLayout layout = resources.service.layout();
    out.println();
    out.println("The pipeline keeps running; press Ctrl-C to stop it.");
    out.println("  bootstrap servers  " + bootstrap);
    String base = registry.replaceAll("/+$", "");
    String ccompat =
        base.endsWith("/apis/ccompat/v7")
            ? ""
            : "  (Confluent-compatible API: " + base + "/apis/ccompat/v7)";
    out.println("  schema registry    " + registry + ccompat);
    out.println("  operations topic   " + layout.operations().name() + "  (key: pack name)");
    out.println(
        "  per pack           "
            + layout.prefix()
            + ".<pack>.decisions|approvals|audit|checkpoints for "
            + String.join(", ", packs.stream().map(p -> p.metadata().name()).toList()));
    resources
        .service
        .queryServer()
        .ifPresent(
            server ->
                out.println(
                    "  query API          "
                        + server.baseUri()
                        + "  (curl -H \"Authorization: Bearer $"
                        + HTTP_TOKEN_ENV
                        + "\" "
                        + server.baseUri()
                        + "/packs)"));
    String prefixFlag =
        layout.prefix().equals(TopicLayout.DEFAULT_PREFIX)
            ? ""
            : " --topic-prefix " + layout.prefix();
    out.println(
        "  try                ./palm decisions tail --bootstrap-servers "
            + bootstrap
            + " --registry-url "
            + registry
            + prefixFlag
            + " --pack ibank");
    out.println();
    out.println("In another terminal, point the other palm commands at it with:");
    String trustedKey =
        resources
            .service
            .signer()
            .map(signer -> " PALM_TRUSTED_KEY=" + signer.publicKeyBase64())
            .orElse("");
    out.println(
        "  export PALM_BOOTSTRAP_SERVERS="
            + bootstrap
            + " PALM_REGISTRY_URL="
            + registry
            + " PALM_TOPIC_PREFIX="
            + layout.prefix()
            + trustedKey);
    out.flush();
    waitingForStop = true;
    while (true) {
      try {
        if (resources.service.awaitStop(Duration.ofSeconds(1))) {
          String why =
              "The pipeline stopped: "
                  + resources.service.failure().map(Throwable::toString).orElse("unknown reason");
          out.println(why);
          out.flush();
          spec.commandLine().getErr().println("palm run: " + why + " (exit 4)");
          return stopRequested.getCount() == 0;
        }
        if (stopRequested.getCount() == 0) {
          out.println();
          out.println("Stopping ...");
          out.flush();
          return true;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
  }

  /**
   * Ctrl-C: while the pipeline is kept running, stop it in order; during start-up or the workload,
   * stop everything started so far and exit with 130, as a shell expects of an interrupted command.
   */
  private void interrupted() {
    if (waitingForStop) {
      stopRequested.countDown();
      return;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println();
    err.println(
        "palm run: interrupted; stopping the pipeline"
            + (running != null && running.kafka != null
                ? ", the schema registry and the broker"
                : ""));
    err.flush();
    Resources resources = running;
    if (resources != null) {
      resources.close();
    }
    System.exit(ExitCode.INTERRUPTED.code());
  }

  /**
   * The query API settings from --http-port and the token (--http-token, else {@code envToken});
   * empty without --http-port.
   */
  Optional<QueryServerConfig> queryServerConfig(String envToken) {
    Optional<String> token =
        httpToken.or(() -> Optional.ofNullable(envToken).filter(t -> !t.isBlank()));
    if (httpPort.isEmpty()) {
      if (httpToken.isPresent()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--http-token needs --http-port PORT to serve the query API on");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(
          httpHost.isPresent()
              ? QueryServerConfig.on(httpHost.get(), httpPort.get(), token.orElse(null))
              : QueryServerConfig.loopback(httpPort.get(), token.orElse(null)));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The consumer settings of --group-instance-id: Kafka Streams suffixes the id per thread. */
  private Map<String, String> staticMembership() {
    if (groupInstanceId.isEmpty()) {
      return Map.of();
    }
    String id = groupInstanceId.get();
    if (!id.matches("[a-zA-Z0-9._-]+")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--group-instance-id '" + id + "' may only contain letters, digits, '.', '_' and '-'");
    }
    // Kafka Streams' prefix for its main consumer (StreamsConfig.MAIN_CONSUMER_PREFIX)
    return Map.of("main.consumer." + ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id);
  }

  private Optional<String> clientConfigBootstrap() {
    return LaunchSupport.clientConfigBootstrap(clientConfig);
  }

  private Path defaultStateDir() {
    return Path.of(System.getProperty("user.home"), ".palm", "state", applicationId);
  }

  private static String describe(Throwable e) {
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage());
      }
    }
    return message.toString();
  }

  /** One line per start-up step, with its duration. */
  private static final class Progress {
    private final PrintWriter out;

    Progress(PrintWriter out) {
      this.out = out;
    }

    void header(String text) {
      out.println(text);
      out.flush();
    }

    void step(String what, String detail, long startNanos) {
      out.printf("  %-16s %s (%.1f s)%n", what, detail, (System.nanoTime() - startNanos) / 1e9);
      out.flush();
    }
  }

  /** What the run started, closed in reverse order: pipeline, registry, broker, temporary state. */
  private static final class Resources implements AutoCloseable {
    EmbeddedKafka kafka;
    RegistryServer registry;
    PalmService service;
    Path temporaryState;

    Path temporaryStateDir() {
      try {
        temporaryState = Files.createTempDirectory("palm-run-state-");
        return temporaryState;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Could not create a temporary state folder; give --state-dir DIR", e);
      }
    }

    @Override
    public void close() {
      if (service != null) {
        service.close();
      }
      if (registry != null) {
        registry.close();
      }
      if (kafka != null) {
        kafka.close();
      }
      if (temporaryState != null) {
        try (Stream<Path> paths = Files.walk(temporaryState)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        } catch (IOException e) {
          // a leftover temporary folder is harmless; the OS cleans it up
        }
      }
    }
  }

  /** The --keyring file's keys (none without the flag); a bad file is a usage error naming it. */
  private Keyring keyring() {
    try {
      return keyringFile.map(Keyring::read).orElse(Keyring.EMPTY);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--keyring: " + e.getMessage());
    }
  }
}
