package dev.palm.streams.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.audit.ChainVerifier;
import dev.palm.events.AuditRecord;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.canonical.MapleversePack;
import dev.palm.packs.validation.PackValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark logic at tiny sizes: it runs and reports every figure; the figures themselves are
 * not judged.
 */
class AuditBenchmarkTest {

  @Test
  void measuresEachAlgorithmAndReportsEveryFigure() {
    List<String> progress = new ArrayList<>();
    List<AuditRun> runs =
        new AuditBenchmark(
                1_000, List.of(IntegrityAlgorithm.SHA256, IntegrityAlgorithm.SHA512), progress::add)
            .run();

    assertThat(runs).extracting(AuditRun::algorithm).containsExactly("sha256", "sha512");
    for (AuditRun run : runs) {
      assertThat(run.records()).isEqualTo(1_000);
      assertThat(run.canonicalBytes()).isGreaterThan(1_000);
      assertThat(run.iterations()).isEqualTo(AuditBenchmark.ITERATIONS);
      assertThat(run.verifierSeconds()).isPositive();
      assertThat(run.baselineSeconds()).isPositive();
      assertThat(run.verifierRecordsPerSecond()).isFinite();
      assertThat(run.baselineMegabytesPerSecond()).isFinite();
    }
    // a line for generation, warm-up and result of each algorithm
    assertThat(progress).hasSize(6).allMatch(line -> line.startsWith("audit sha"));
  }

  @Test
  void generatedChainIsIntactAndShapedLikePipelineRecords() {
    List<AuditRecord> chain = AuditBenchmark.generate(IntegrityAlgorithm.SHA384, 50);

    assertThat(ChainVerifier.verify(chain).intact()).isTrue();
    assertThat(chain.get(0).getPrevHash()).isEqualTo("0".repeat(96));
    assertThat(chain.get(49).getSequence()).isEqualTo(49);
    assertThat(chain.get(7).getDetails()).isNotEmpty();
  }

  @Test
  void rejectsAlgorithmsTheChainCannotCompute() {
    assertThatThrownBy(() -> new AuditBenchmark(10, List.of(IntegrityAlgorithm.BLAKE3), line -> {}))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("sha256");
    assertThatThrownBy(() -> new AuditBenchmark(0, List.of(IntegrityAlgorithm.SHA256), line -> {}))
        .hasMessageContaining("at least 1 record");
  }

  @Test
  void benchPackLiftsOnlyWhatWouldDenyOrParkABurst() {
    BenchPack bench = BenchPack.derive(MapleversePack.mapleverse(), 8);
    PlatformPackConfig config = PlatformPackConfig.of(bench.pack());
    PlatformPackConfig base = MapleversePack.presetConfig();

    assertThat(bench.base()).isEqualTo("mapleverse");
    assertThat(config.metadata()).isEqualTo(base.metadata());
    assertThat(config.policy().limits().rateLimitPerMinute())
        .isEqualTo(BenchPack.RATE_LIMIT_PER_MINUTE);
    assertThat(config.policy().humanApproval().thresholdRequired()).isEmpty();
    assertThat(config.policy().humanApproval().alwaysRequired()).isEmpty();
    assertThat(config.policy().safetyHolds().enabled()).isFalse();
    // only the pack-wide totals, which would cap how many deployments exist at once
    assertThat(config.resources().limits().totalCpuMillicores()).isEqualTo(Integer.MAX_VALUE);
    assertThat(config.resources().limits().totalMemoryMb()).isEqualTo(Integer.MAX_VALUE);
    assertThat(
            config.resources().toBuilder()
                .limits(
                    config.resources().limits().toBuilder()
                        .totalCpuMillicores(base.resources().limits().totalCpuMillicores())
                        .totalMemoryMb(base.resources().limits().totalMemoryMb())
                        .build())
                .build())
        .isEqualTo(base.resources());
    assertThat(bench.changes()).anyMatch(c -> c.startsWith("rate_limit_per_minute 300 -> "));
    assertThat(config.capabilities()).isEqualTo(base.capabilities()); // 8 < its 1000
    PlatformPackConfig many =
        PlatformPackConfig.of(BenchPack.derive(MapleversePack.mapleverse(), 10_000).pack());
    assertThat(many.capabilities().maxDeployments()).contains(10_000);
    assertThat(many.policy().limits().maxConcurrentDeployments()).isEqualTo(10_000);
    assertThat(PackValidator.validate(config).valid()).isTrue();
  }

  @Test
  void latencyPercentilesUseNearestRank() {
    long[] samples = new long[100];
    for (int i = 0; i < 100; i++) {
      samples[i] = 100 - i; // unsorted on purpose
    }
    assertThat(LatencyStats.of(samples)).isEqualTo(new LatencyStats(100, 50, 99, 100, 100));
    long[] thousand = new long[1000];
    for (int i = 0; i < 1000; i++) {
      thousand[i] = i + 1;
    }
    assertThat(LatencyStats.of(thousand)).isEqualTo(new LatencyStats(1000, 500, 990, 999, 1000));
    assertThat(LatencyStats.of(new long[0]).samples()).isZero();
  }
}
