package dev.palm.streams.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one {@code palm bench} run measured, with the machine it ran on; rendered as a text
 * table for people or as a JSON-ready tree for machines.
 *
 * @param environment where and when it ran
 * @param settings the sizes the run used (name → value), as given on the command line
 * @param notes what the reader must know to interpret the figures (e.g. how the bench pack differs)
 * @param pipeline the pipeline comparison, unless it was skipped
 * @param audit the audit verification figures, one per algorithm (empty when skipped)
 */
public record BenchReport(
    Environment environment,
    Map<String, Object> settings,
    List<String> notes,
    Optional<PipelineBenchmark.Comparison> pipeline,
    List<AuditRun> audit) {

  /** Copies the collections. */
  public BenchReport {
    Objects.requireNonNull(environment, "environment");
    settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    notes = List.copyOf(notes);
    Objects.requireNonNull(pipeline, "pipeline");
    audit = List.copyOf(audit);
  }

  /**
   * The machine and the infrastructure of the run.
   *
   * @param startedAt when the run started
   * @param processors processors the JVM sees
   * @param javaVersion {@code java.version}
   * @param maxHeapMb the JVM's maximum heap
   * @param os operating system name, version and architecture
   * @param infrastructure how Kafka and the registry were provided (in-process, or the given
   *     addresses)
   */
  public record Environment(
      Instant startedAt,
      int processors,
      String javaVersion,
      long maxHeapMb,
      String os,
      String infrastructure) {

    /** This JVM's environment. */
    public static Environment current(Instant startedAt, String infrastructure) {
      Runtime rt = Runtime.getRuntime();
      return new Environment(
          startedAt,
          rt.availableProcessors(),
          System.getProperty("java.version"),
          rt.maxMemory() / (1024 * 1024),
          System.getProperty("os.name")
              + " "
              + System.getProperty("os.version")
              + " "
              + System.getProperty("os.arch"),
          infrastructure);
    }
  }

  /** The report as nested maps and lists of strings and numbers, for a JSON writer. */
  public Map<String, Object> toTree() {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("started_at", environment.startedAt().toString());
    env.put("processors", environment.processors());
    env.put("java_version", environment.javaVersion());
    env.put("max_heap_mb", environment.maxHeapMb());
    env.put("os", environment.os());
    env.put("infrastructure", environment.infrastructure());
    root.put("environment", env);
    root.put("settings", settings);
    root.put("notes", notes);
    pipeline.ifPresent(
        p -> {
          Map<String, Object> node = new LinkedHashMap<>();
          node.put("baseline", runTree(p.baseline()));
          node.put("palm", runTree(p.palm()));
          node.put("stateful_baseline", runTree(p.stateful()));
          node.put(
              "palm_output_per_operation",
              Map.of(
                  "records", round(p.shape().recordsPerOperation(), 3),
                  "bytes_per_record", round(p.shape().bytesPerRecord(), 1),
                  "changelog_records", round(p.shape().changelogRecordsPerOperation(), 3),
                  "changelogged_stores", p.shape().stores()));
          List<Object> latency = new ArrayList<>();
          for (PipelineBenchmark.LatencyPoint point : p.latency()) {
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("load_percent", point.loadPercent());
            at.put("target_ops_per_second", point.targetRate());
            at.putAll(runTree(point.run()));
            latency.add(at);
          }
          node.put("latency", latency);
          node.put("latency_goal_ms", p.latencyGoalMs());
          node.put("throughput_ratio", round(p.throughputRatio(), 4));
          node.put("stateful_ratio", round(p.statefulRatio(), 4));
          root.put("pipeline", node);
        });
    List<Object> audits = new ArrayList<>();
    for (AuditRun run : audit) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("algorithm", run.algorithm());
      node.put("records", run.records());
      node.put("canonical_bytes", run.canonicalBytes());
      node.put("iterations", run.iterations());
      Map<String, Object> verifier = new LinkedHashMap<>();
      verifier.put("seconds", round(run.verifierSeconds(), 6));
      verifier.put("records_per_second", round(run.verifierRecordsPerSecond(), 1));
      verifier.put("mb_per_second", round(run.verifierMegabytesPerSecond(), 2));
      node.put("verifier", verifier);
      Map<String, Object> baseline = new LinkedHashMap<>();
      baseline.put("seconds", round(run.baselineSeconds(), 6));
      baseline.put("records_per_second", round(run.baselineRecordsPerSecond(), 1));
      baseline.put("mb_per_second", round(run.baselineMegabytesPerSecond(), 2));
      node.put("baseline", baseline);
      node.put("overhead_factor", round(run.overheadFactor(), 3));
      audits.add(node);
    }
    root.put("audit", audits);
    return root;
  }

  private static Map<String, Object> runTree(PipelineRun run) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("operations", run.operations());
    node.put("seconds", round(run.seconds(), 3));
    node.put("ops_per_second", round(run.opsPerSecond(), 1));
    node.put("decided_latency_ms", latencyTree(run.decidedLatency()));
    node.put("visible_latency_ms", latencyTree(run.visibleLatency()));
    node.put("decisions", new java.util.TreeMap<>(run.decisions()));
    node.put("duplicates", run.duplicates());
    return node;
  }

  private static Map<String, Object> latencyTree(LatencyStats stats) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("p50", stats.p50Ms());
    node.put("p99", stats.p99Ms());
    node.put("p999", stats.p999Ms());
    node.put("max", stats.maxMs());
    return node;
  }

  /** The report as a text table with the baseline next to each figure. */
  public String toTable() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "PALM benchmark, %s: %d processors, Java %s, max heap %,d MB, %s%n",
            environment.startedAt(),
            environment.processors(),
            environment.javaVersion(),
            environment.maxHeapMb(),
            environment.os()));
    out.append("Infrastructure: ")
        .append(environment.infrastructure())
        .append(System.lineSeparator());
    StringBuilder given = new StringBuilder();
    settings.forEach(
        (k, v) -> given.append(given.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    out.append("Settings: ").append(given).append(System.lineSeparator());
    pipeline.ifPresent(
        p -> {
          out.append(System.lineSeparator());
          out.append("Pipeline throughput (end to end, exactly_once_v2, read_committed)")
              .append(System.lineSeparator());
          String header =
              String.format(
                  Locale.ROOT,
                  "  %-34s %10s %9s %11s %9s %9s %10s %10s%n",
                  "application",
                  "operations",
                  "seconds",
                  "ops/s",
                  "p50 ms",
                  "p99 ms",
                  "vis p50",
                  "vis p99");
          out.append(header);
          out.append(runLine("PALM (bench pack)", p.palm()));
          out.append(runLine("baseline: Streams pass-through", p.baseline()));
          out.append(runLine("baseline: stateful, PALM's output", p.stateful()));
          out.append(
              String.format(
                  Locale.ROOT,
                  "  PALM throughput = %.1f%% of the pass-through baseline (%.2fx slower)%n",
                  100 * p.throughputRatio(),
                  1 / p.throughputRatio()));
          out.append(
              String.format(
                  Locale.ROOT,
                  "  PALM throughput = %.1f%% of the stateful baseline (ratio %.3f; goal >= 0.5),"
                      + " which did one RocksDB get + put and wrote %.2f records of %.0f bytes per"
                      + " operation, as PALM did; PALM's %d state stores also wrote %.2f changelog"
                      + " records per operation (the baseline's one store: 1)%n",
                  100 * p.statefulRatio(),
                  p.statefulRatio(),
                  p.shape().recordsPerOperation(),
                  p.shape().bytesPerRecord(),
                  p.shape().stores(),
                  p.shape().changelogRecordsPerOperation()));
          out.append("  PALM decisions: ")
              .append(new java.util.TreeMap<>(p.palm().decisions()))
              .append(", duplicates read: ")
              .append(p.palm().duplicates())
              .append(" (baseline: ")
              .append(p.baseline().duplicates())
              .append(')')
              .append(System.lineSeparator());
          if (!p.latency().isEmpty()) {
            out.append(System.lineSeparator())
                .append("PALM latency under load (paced at a share of its measured rate; ms)")
                .append(System.lineSeparator());
            out.append(
                String.format(
                    Locale.ROOT,
                    "  %5s %9s %9s %7s %7s %7s %8s %8s %8s%n",
                    "load",
                    "target/s",
                    "ops/s",
                    "p50",
                    "p99",
                    "p999",
                    "vis p50",
                    "vis p99",
                    "vis p999"));
            for (PipelineBenchmark.LatencyPoint point : p.latency()) {
              PipelineRun run = point.run();
              out.append(
                  String.format(
                      Locale.ROOT,
                      "  %4d%% %,9d %,9.0f %7d %7d %7d %8d %8d %8d%n",
                      point.loadPercent(),
                      point.targetRate(),
                      run.opsPerSecond(),
                      run.decidedLatency().p50Ms(),
                      run.decidedLatency().p99Ms(),
                      run.decidedLatency().p999Ms(),
                      run.visibleLatency().p50Ms(),
                      run.visibleLatency().p99Ms(),
                      run.visibleLatency().p999Ms()));
            }
            p.latency().stream()
                .filter(point -> point.loadPercent() == 50)
                .findFirst()
                .ifPresent(
                    half ->
                        out.append(
                            String.format(
                                Locale.ROOT,
                                "  at 50%% load: visible p99 %d ms, goal <= 2 x commit.interval.ms"
                                    + " + 50 ms = %d ms: %s%n",
                                half.run().visibleLatency().p99Ms(),
                                p.latencyGoalMs(),
                                half.run().visibleLatency().p99Ms() <= p.latencyGoalMs()
                                    ? "met"
                                    : "NOT met")));
          }
        });
    if (!audit.isEmpty()) {
      out.append(System.lineSeparator());
      out.append("Audit verification (in memory, median of ")
          .append(audit.get(0).iterations())
          .append(" passes)")
          .append(System.lineSeparator());
      out.append(
          String.format(
              Locale.ROOT,
              "  %-9s %9s %9s %15s %9s %18s %9s %9s%n",
              "algorithm",
              "records",
              "MB",
              "verifier rec/s",
              "MB/s",
              "raw digest rec/s",
              "MB/s",
              "overhead"));
      for (AuditRun run : audit) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %-9s %,9d %9.1f %,15.0f %9.1f %,18.0f %9.1f %8.2fx%n",
                run.algorithm(),
                run.records(),
                run.canonicalBytes() / 1e6,
                run.verifierRecordsPerSecond(),
                run.verifierMegabytesPerSecond(),
                run.baselineRecordsPerSecond(),
                run.baselineMegabytesPerSecond(),
                run.overheadFactor()));
      }
    }
    if (!notes.isEmpty()) {
      out.append(System.lineSeparator()).append("Notes").append(System.lineSeparator());
      notes.forEach(n -> out.append("  - ").append(n).append(System.lineSeparator()));
    }
    return out.toString();
  }

  private static String runLine(String label, PipelineRun run) {
    return String.format(
        Locale.ROOT,
        "  %-34s %,10d %9.2f %,11.0f %9d %9d %10d %10d%n",
        label,
        run.operations(),
        run.seconds(),
        run.opsPerSecond(),
        run.decidedLatency().p50Ms(),
        run.decidedLatency().p99Ms(),
        run.visibleLatency().p50Ms(),
        run.visibleLatency().p99Ms());
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
