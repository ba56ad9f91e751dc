package dev.palm.streams.bench;

import dev.palm.audit.AuditChain;
import dev.palm.audit.ChainHead;
import dev.palm.audit.ChainVerifier;
import dev.palm.audit.Digests;
import dev.palm.audit.VerificationResult;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.SourcePosition;
import dev.palm.packs.IntegrityAlgorithm;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Measures how fast {@link ChainVerifier} checks an in-memory audit chain, against a baseline of
 * raw {@link MessageDigest} hashing of the same canonical bytes, so the figure shows the verifier's
 * own cost (re-encoding each record, hex, linking) over the hash function it cannot avoid.
 */
public final class AuditBenchmark {

  /** Passes measured per side; the median is reported. */
  public static final int ITERATIONS = 3;

  /** Where the raw-hash baseline leaves its checksum so its work cannot be optimised away. */
  private static volatile int blackhole;

  private final int records;
  private final List<IntegrityAlgorithm> algorithms;
  private final Consumer<String> progress;

  /**
   * @param records records per generated chain (at least 1)
   * @param algorithms the algorithms to measure (BLAKE3 is rejected: the JDK cannot compute it)
   * @param progress receives one line per phase
   */
  public AuditBenchmark(
      int records, List<IntegrityAlgorithm> algorithms, Consumer<String> progress) {
    if (records < 1) {
      throw new IllegalArgumentException(
          "The audit benchmark needs at least 1 record, got " + records);
    }
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException(
          "Give at least one algorithm to benchmark (sha256, sha384, sha512)");
    }
    algorithms.forEach(Digests::newDigest); // BLAKE3 fails here, naming the supported choices
    this.records = records;
    this.algorithms = List.copyOf(algorithms);
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** Runs every algorithm in turn: generate the chain, warm up, measure. */
  public List<AuditRun> run() {
    List<AuditRun> runs = new ArrayList<>();
    for (IntegrityAlgorithm algorithm : algorithms) {
      runs.add(run(algorithm));
    }
    return List.copyOf(runs);
  }

  private AuditRun run(IntegrityAlgorithm algorithm) {
    String name = Digests.wireName(algorithm);
    long start = System.nanoTime();
    List<AuditRecord> chain = generate(algorithm, records);
    byte[][] canonical = new byte[chain.size()][];
    long bytes = 0;
    for (int i = 0; i < canonical.length; i++) {
      canonical[i] = AuditChain.canonicalBytes(chain.get(i));
      bytes += canonical[i].length;
    }
    progress.accept(
        String.format(
            "audit %s: generated a chain of %,d records (%,.1f MB canonical) in %.1f s",
            name, records, bytes / 1e6, seconds(start)));

    // warm-up: let the JIT compile both paths on the same data before anything is timed
    long warmStart = System.nanoTime();
    int warmPasses = 0;
    do {
      verify(chain, algorithm);
      hash(canonical, algorithm);
      warmPasses++;
    } while (warmPasses < 2 || (seconds(warmStart) < 1.0 && warmPasses < 20));
    progress.accept(
        String.format(
            "audit %s: warmed up with %d passes (%.1f s)", name, warmPasses, seconds(warmStart)));

    double[] verifier = new double[ITERATIONS];
    double[] baseline = new double[ITERATIONS];
    for (int i = 0; i < ITERATIONS; i++) {
      // alternate the two sides so drift of the machine (other processes, GC) hits both alike
      long t = System.nanoTime();
      verify(chain, algorithm);
      verifier[i] = seconds(t);
      t = System.nanoTime();
      hash(canonical, algorithm);
      baseline[i] = seconds(t);
    }
    AuditRun run =
        new AuditRun(name, records, bytes, median(verifier), median(baseline), ITERATIONS);
    progress.accept(
        String.format(
            "audit %s: verifier %,.0f records/s, raw digest %,.0f records/s",
            name, run.verifierRecordsPerSecond(), run.baselineRecordsPerSecond()));
    return run;
  }

  /**
   * A gapless chain of {@code count} decision records of pack {@code bench}, shaped like the
   * records the pipeline writes for an allowed operation (rule ids, messages, sorted details,
   * source position).
   */
  public static List<AuditRecord> generate(IntegrityAlgorithm algorithm, int count) {
    AuditChain chain = new AuditChain(algorithm);
    ChainHead head = chain.genesis();
    Instant base = Instant.parse("2025-01-01T00:00:00Z");
    List<AuditRecord> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String operationId = "bench-op-" + i;
      AuditRecord draft =
          AuditChain.draft()
              .setPack("bench")
              .setPackVersion("0.1.0")
              .setRecordedAt(base.plusMillis(i))
              .setEventType(AuditEventType.DECISION)
              .setOperationId(operationId)
              .setOperation("restart")
              .setDeploymentId("bench-deployment-" + (i % 16))
              .setAgentId("bench-agent-" + (i % 16))
              .setActorId("bench-operator")
              .setActorType("service")
              .setDecision(Decision.ALLOWED)
              .setRuleIds(List.of("deployments.state", "limits.rate_limit_per_minute"))
              .setReasonCodes(List.of())
              .setMessages(
                  List.of("restart of bench-deployment-" + (i % 16) + " allowed by pack bench"))
              .setDetails(
                  List.of(
                      new AuditDetail("deployment.replicas", "1"),
                      new AuditDetail("operation.requested_at", base.plusMillis(i).toString()),
                      new AuditDetail("rate.window_count", Integer.toString(i % 1000))))
              .setSource(new SourcePosition("palm.operations", 0, (long) i))
              .build();
      AuditRecord appended = chain.append(head, draft);
      head = head.next(appended);
      out.add(appended);
    }
    return out;
  }

  private static void verify(List<AuditRecord> chain, IntegrityAlgorithm algorithm) {
    VerificationResult result =
        ChainVerifier.fromGenesis()
            .expectingAlgorithm(algorithm)
            .acceptAll(chain.iterator())
            .result();
    if (!result.intact() || result.recordsChecked() != chain.size()) {
      // a generated chain always verifies: anything else is a bug in the chain or the verifier
      throw new IllegalStateException(
          "The generated "
              + Digests.wireName(algorithm)
              + " chain did not verify: "
              + result.message());
    }
  }

  private static void hash(byte[][] canonical, IntegrityAlgorithm algorithm) {
    MessageDigest digest = Digests.newDigest(algorithm);
    int sink = 0;
    for (byte[] bytes : canonical) {
      sink += digest.digest(bytes)[0];
    }
    blackhole = sink; // the sum escapes, so the JIT cannot drop the hashing as dead code
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
