package dev.palm.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.palm.audit.Digests;
import dev.palm.cli.ExitCode;
import dev.palm.cli.ops.DurationArgument;
import dev.palm.cli.run.LaunchSupport;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.registry.PackRegistry;
import dev.palm.streams.bench.AuditBenchmark;
import dev.palm.streams.bench.AuditRun;
import dev.palm.streams.bench.BenchPack;
import dev.palm.streams.bench.BenchReport;
import dev.palm.streams.bench.PipelineBenchmark;
import dev.palm.streams.infra.EmbeddedKafka;
import dev.palm.streams.infra.RegistryServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `palm bench`: measures PALM's pipeline throughput and audit verification speed, each next to a
 * baseline measured in the same run on the same machine, and prints a table (or JSON).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure PALM's performance against baselines measured in the same run on the same machine:",
      "  1. pipeline throughput, end to end under exactly_once_v2: operations published to the pipeline until"
          + " their decisions are committed (ops/s, p50/p99 latency), next to two Kafka Streams apps with the"
          + " same serdes and settings on the same broker: a pass-through one, and a stateful one that does one"
          + " RocksDB get + put per operation and writes as many records of the same size as PALM did;",
      "  2. audit verification: ChainVerifier over generated chains (records/s, MB/s), next to raw MessageDigest"
          + " hashing of the same canonical bytes, for each algorithm.",
      "Without --bootstrap-servers an in-process Kafka broker and a schema registry are started (and stopped)."
          + " Progress goes to standard error, the table (or --json) to standard output. See docs/benchmarks.md.",
      "",
      "Exit codes: 0 measured; 2 bad flags; 3 the pack cannot be found or is invalid; 4 Kafka, the registry or"
          + " an application failed or did not answer in time."
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--operations",
      paramLabel = "N",
      defaultValue = "200000",
      description =
          "Operations in each measured pipeline pass (PALM and baseline). Default: ${DEFAULT-VALUE}.")
  int operations;

  @Option(
      names = "--warmup-operations",
      paramLabel = "N",
      defaultValue = "100000",
      description =
          "Operations published and answered before measuring, per application, so that the JIT"
              + " compiler has settled (PALM reaches its rate after some 100,000). Default:"
              + " ${DEFAULT-VALUE}.")
  int warmupOperations;

  @Option(
      names = "--deployments",
      paramLabel = "N",
      defaultValue = "8",
      description =
          "Deployments created before the warm-up; the measured restarts cycle over them."
              + " Default: ${DEFAULT-VALUE}.")
  int deployments;

  @Option(
      names = "--rate",
      paramLabel = "OPS_PER_S",
      defaultValue = "0",
      description =
          "Publish at this many operations per second instead of as fast as possible (0); a rate below"
              + " saturation shows latency without queueing. Default: ${DEFAULT-VALUE}.")
  int rate;

  @Option(
      names = "--latency-seconds",
      paramLabel = "S",
      defaultValue = "10",
      description =
          "After PALM's measured pass, three paced passes of S seconds each at 25, 50 and 90 % of the"
              + " rate it reached, for latency without queueing (p50/p99/p999); 0 runs none."
              + " Default: ${DEFAULT-VALUE}.")
  int latencySeconds;

  @Option(
      names = "--pack",
      paramLabel = "NAME",
      defaultValue = "mapleverse",
      description =
          "Built-in pack the bench pack is derived from (its rate limit, approval thresholds and safety"
              + " holds are lifted so every operation is ALLOWED). Default: ${DEFAULT-VALUE}.")
  String pack;

  @Option(
      names = "--audit-records",
      paramLabel = "M",
      defaultValue = "50000",
      description = "Records in each generated audit chain. Default: ${DEFAULT-VALUE}.")
  int auditRecords;

  @Option(
      names = "--algorithms",
      paramLabel = "ALG",
      split = ",",
      defaultValue = "sha256,sha384,sha512",
      description = "Hash algorithms of the audit benchmark. Default: ${DEFAULT-VALUE}.")
  List<String> algorithms;

  @Option(
      names = "--skip-pipeline",
      description = "Do not run the pipeline benchmark (no Kafka needed).")
  boolean skipPipeline;

  @Option(names = "--skip-audit", description = "Do not run the audit verification benchmark.")
  boolean skipAudit;

  @Option(
      names = {"-b", "--bootstrap-server", "--bootstrap-servers"},
      paramLabel = "HOST:PORT[,...]",
      description =
          "Benchmark on this Kafka cluster instead of an in-process broker. Topics of the run are named"
              + " palm-bench-<run id>* and deleted at the end.")
  Optional<String> bootstrapServers = Optional.empty();

  @Option(
      names = "--registry-url",
      paramLabel = "URL",
      description =
          "Schema registry URL (its Confluent-compatible API); required with --bootstrap-servers.")
  Optional<String> registryUrl = Optional.empty();

  @Option(
      names = {"--command-config", "--client-config"},
      paramLabel = "FILE",
      description = "Kafka client properties file (SASL/TLS), as for `palm run`.")
  Optional<Path> clientConfig = Optional.empty();

  @Option(
      names = "--commit-interval-ms",
      paramLabel = "MS",
      defaultValue = "100",
      description =
          "Kafka Streams commit.interval.ms of both applications (PALM's default). Default: ${DEFAULT-VALUE}.")
  long commitIntervalMs;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "300s",
      converter = DurationArgument.class,
      description =
          "Longest wait for one pass's decisions before failing ("
              + DurationArgument.FORMS
              + ", as --wait elsewhere). Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = "--json", description = "Print the report as JSON instead of a table.")
  boolean json;

  @Option(
      names = "--verbose",
      description = "Show the log of the pipeline, Kafka and the registry on standard error.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LaunchSupport.quietLogs(verbose);
    List<IntegrityAlgorithm> algs = parseAlgorithms();
    validateFlags();
    Instant started = Instant.now();
    boolean embedded =
        !skipPipeline && bootstrapServers.isEmpty() && clientConfigBootstrap().isEmpty();
    List<String> notes = new ArrayList<>();
    Optional<PipelineBenchmark.Comparison> pipeline = Optional.empty();
    String infrastructure = skipPipeline ? "none (pipeline skipped)" : "";
    try {
      if (!skipPipeline) {
        BenchPack benchPack = BenchPack.derive(findPack(), deployments);
        notes.add(
            "PALM enforces a bench pack derived from '"
                + benchPack.base()
                + "' with "
                + String.join(", ", benchPack.changes())
                + ", so that a burst is not denied by the rate limit and every"
                + " measured operation (restart of one of "
                + deployments
                + " pre-created deployments) is ALLOWED.");
        notes.add(
            "Latency = decision record timestamp - requested_at (vis = when the read_committed consumer saw"
                + " it, which adds the transaction commit). "
                + (rate == 0
                    ? "Operations are published as fast as possible, so latency includes queueing behind the burst."
                    : "Operations are published at " + rate + " ops/s."));
        try (Infra infra = embedded ? Infra.startEmbedded(err) : Infra.external()) {
          String bootstrap = embedded ? infra.kafka.bootstrapServers() : null;
          String registry = registryUrl.orElseGet(() -> infra.registry.url());
          infrastructure =
              embedded
                  ? "in-process Kafka broker "
                      + bootstrap
                      + " and embedded Apicurio registry "
                      + registry
                      + " (same machine)"
                  : "Kafka "
                      + bootstrapServers.orElse("(from --client-config)")
                      + ", registry "
                      + registry;
          PipelineBenchmark.Target target =
              new PipelineBenchmark.Target(
                  embedded ? Optional.of(bootstrap) : bootstrapServers, clientConfig, registry);
          PipelineBenchmark.Settings settings =
              new PipelineBenchmark.Settings(
                  operations,
                  warmupOperations,
                  deployments,
                  rate,
                  Duration.ofMillis(commitIntervalMs),
                  timeout,
                  latencySeconds);
          pipeline =
              Optional.of(
                  new PipelineBenchmark(target, settings, benchPack, line -> progress(err, line))
                      .run());
        }
      }
      List<AuditRun> audit =
          skipAudit
              ? List.of()
              : new AuditBenchmark(auditRecords, algs, line -> progress(err, line)).run();
      if (!skipAudit) {
        notes.add(
            "Audit: the verifier re-encodes each record canonically, hashes it, compares hex and links;"
                + " the baseline only hashes the same precomputed canonical bytes with one MessageDigest.");
      }
      BenchReport report =
          new BenchReport(
              BenchReport.Environment.current(started, infrastructure),
              settingsMap(),
              notes,
              pipeline,
              audit);
      out.print(json ? toJson(report) : report.toTable());
      out.flush();
      return 0;
    } catch (PackException e) {
      err.println("palm bench: " + e.getMessage());
      return ExitCode.BAD_INPUT.code();
    } catch (IllegalArgumentException e) {
      err.println("palm bench: " + e.getMessage());
      return ExitCode.USAGE.code();
    } catch (RuntimeException e) {
      err.println("palm bench: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return ExitCode.UNAVAILABLE.code();
    } finally {
      err.flush();
    }
  }

  private void validateFlags() {
    if (skipPipeline && skipAudit) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--skip-pipeline and --skip-audit together leave nothing to measure");
    }
    if (!skipPipeline
        && (bootstrapServers.isPresent() || clientConfigBootstrap().isPresent())
        && registryUrl.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Against an existing Kafka cluster, give the schema registry too: --registry-url http://host:port");
    }
    if (clientConfig.isPresent() && !Files.isRegularFile(clientConfig.get())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--client-config " + clientConfig.get() + " is not a readable file");
    }
    if (auditRecords < 1 && !skipAudit) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--audit-records must be at least 1");
    }
    if (operations < 1
        || warmupOperations < 0
        || deployments < 1
        || rate < 0
        || latencySeconds < 0
        || commitIntervalMs < 1
        || timeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--operations, --deployments, --commit-interval-ms"
              + " must be at least 1, --timeout at least 1s; --warmup-operations, --rate and"
              + " --latency-seconds at least 0");
    }
  }

  private List<IntegrityAlgorithm> parseAlgorithms() {
    List<IntegrityAlgorithm> parsed = new ArrayList<>();
    for (String name : algorithms) {
      IntegrityAlgorithm algorithm;
      try {
        algorithm = Digests.fromWireName(name.strip());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--algorithms: " + e.getMessage());
      }
      if (!Digests.isSupported(algorithm)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--algorithms: "
                + name
                + " is not computable by the audit chain (not in the JDK); use sha256, sha384"
                + " or sha512");
      }
      if (!parsed.contains(algorithm)) {
        parsed.add(algorithm);
      }
    }
    return List.copyOf(parsed);
  }

  private PlatformPack findPack() throws PackException {
    PackRegistry registry = PackRegistry.builder().withBuiltins().build();
    return registry
        .find(pack)
        .orElseThrow(
            () ->
                new PackException(
                    dev.palm.packs.PackError.VALIDATION,
                    "No built-in pack named '"
                        + pack
                        + "'; choose one of "
                        + registry.packs().stream().map(p -> p.pack().metadata().name()).toList()));
  }

  private Map<String, Object> settingsMap() {
    Map<String, Object> settings = new LinkedHashMap<>();
    if (!skipPipeline) {
      settings.put("operations", operations);
      settings.put("warmup_operations", warmupOperations);
      settings.put("deployments", deployments);
      settings.put("rate", rate);
      settings.put("latency_seconds", latencySeconds);
      settings.put("pack", pack);
      settings.put("commit_interval_ms", commitIntervalMs);
    }
    if (!skipAudit) {
      settings.put("audit_records", auditRecords);
      settings.put("algorithms", String.join(",", algorithms));
    }
    return settings;
  }

  private Optional<String> clientConfigBootstrap() {
    return LaunchSupport.clientConfigBootstrap(clientConfig);
  }

  private static void progress(PrintWriter err, String line) {
    err.println("palm bench: " + line);
    err.flush();
  }

  private static String toJson(BenchReport report) {
    try {
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(report.toTree())
          + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write the report as JSON: " + e.getMessage(), e);
    }
  }

  /** The broker and registry the run started itself, stopped in reverse order. */
  private static final class Infra implements AutoCloseable {
    EmbeddedKafka kafka;
    RegistryServer registry;

    static Infra external() {
      return new Infra();
    }

    static Infra startEmbedded(PrintWriter err) {
      Infra infra = new Infra();
      long start = System.nanoTime();
      progress(err, "starting an in-process Kafka broker and a schema registry ...");
      // the registry is a separate process: start it while the broker starts in this one
      CompletableFuture<RegistryServer> registry =
          CompletableFuture.supplyAsync(RegistryServer::start);
      try {
        infra.kafka = EmbeddedKafka.start();
        infra.registry = registry.join();
      } catch (CompletionException e) {
        infra.close();
        throw e.getCause() instanceof RuntimeException r ? r : e;
      } catch (RuntimeException e) {
        registry.thenAccept(RegistryServer::close);
        infra.close();
        throw e;
      }
      progress(
          err,
          String.format(
              "broker %s and registry %s ready (%.1f s)",
              infra.kafka.bootstrapServers(),
              infra.registry.url(),
              (System.nanoTime() - start) / 1e9));
      return infra;
    }

    @Override
    public void close() {
      if (registry != null) {
        registry.close();
      }
      if (kafka != null) {
        kafka.close();
      }
    }
  }
}
