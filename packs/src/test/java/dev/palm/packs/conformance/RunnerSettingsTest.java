package dev.palm.packs.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.packs.PackError;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.FinalversePack;
import dev.palm.packs.canonical.MapleversePack;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runner honours every setting of {@link ConformanceConfig}, which the original ignored in
 * part.
 */
class RunnerSettingsTest {

  @Test
  void defaultsMatchTheReference() {
    ConformanceConfig config = new ConformanceConfig();

    assertThat(config.runCore()).isTrue();
    assertThat(config.runBehavioral()).isTrue();
    assertThat(config.runPlatformSpecific()).isTrue();
    assertThat(config.testTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.continueOnFailure()).isTrue();
    assertThat(config.verbose()).isFalse();
    assertThat(ConformanceConfig.defaults()).isEqualTo(config);
    assertThat(ConformanceConfig.builder().build()).isEqualTo(config);
  }

  @Test
  void buildersAndWithersChangeOneSettingEach() {
    ConformanceConfig config =
        ConformanceConfig.builder()
            .runBehavioral(false)
            .testTimeout(Duration.ofSeconds(2))
            .verbose(true)
            .build();

    assertThat(config)
        .isEqualTo(new ConformanceConfig(true, false, true, Duration.ofSeconds(2), true, true));
    assertThat(config.withContinueOnFailure(false).continueOnFailure()).isFalse();
    assertThat(config.withRunCore(false).runCore()).isFalse();
    assertThat(config.withRunPlatformSpecific(false).runPlatformSpecific()).isFalse();
    assertThat(config.withRunBehavioral(true).runBehavioral()).isTrue();
    assertThat(config.withVerbose(false).verbose()).isFalse();
    assertThat(config.withTestTimeout(Duration.ofMillis(5)).testTimeout())
        .isEqualTo(Duration.ofMillis(5));
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void aNonPositiveTimeoutIsRejectedWithAHint() {
    assertThatThrownBy(() -> new ConformanceConfig().withTestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("testTimeout must be positive");
  }

  @Test
  void aTestThatOverrunsTheTimeoutFailsNamingTheTimeout() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    PlatformPack slow =
        Packs.scripted(
            new MapleversePack(),
            () -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw new PackException(PackError.PLATFORM, "interrupted while loading");
              }
            },
            Packs::nothing,
            Packs::accept);
    ConformanceConfig config = new ConformanceConfig().withTestTimeout(Duration.ofSeconds(1));

    ConformanceReport report = new ConformanceRunner(config).run(slow);

    TestResult result = report.result("lifecycle_callbacks").orElseThrow();
    assertThat(result.status()).isEqualTo(TestStatus.FAILED);
    assertThat(result.error().orElseThrow()).contains("timed out after 1s", "testTimeout");
    assertThat(report.isConformant()).isFalse();
    // Only the slow test failed; the run went on (continue_on_failure is true by default).
    assertThat(report.failures()).containsExactly(result);
    assertThat(report.result("profile_matches").orElseThrow().isPassed()).isTrue();
    // The runner interrupts the abandoned test so that its thread does not linger.
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void withoutContinueOnFailureTheTestsAfterTheFirstFailureAreSkipped() {
    PlatformPack broken = Packs.withMetadata(new MapleversePack(), m -> m.version(""));
    ConformanceConfig stopEarly = new ConformanceConfig().withContinueOnFailure(false);

    ConformanceReport stopped = new ConformanceRunner(stopEarly).run(broken);
    ConformanceReport full = new ConformanceRunner(new ConformanceConfig()).run(broken);

    assertThat(stopped.summary()).isEqualTo(new ReportSummary(10, 0, 1, 9, false));
    assertThat(stopped.results(TestCategory.CORE).get(0).error())
        .contains("metadata.version is empty");
    assertThat(stopped.allResults().subList(1, 10))
        .allSatisfy(
            result -> {
              assertThat(result.status()).isEqualTo(TestStatus.SKIPPED);
              assertThat(result.warnings())
                  .containsExactly(
                      "Not run: test 'metadata_completeness' failed and continue_on_failure is false");
            });
    assertThat(stopped.results(TestCategory.PLATFORM_SPECIFIC))
        .extracting(TestResult::name)
        .containsExactly(
            "mapleverse_throughput_config",
            "mapleverse_no_human_approval",
            "mapleverse_fast_recovery");
    // With the default, every test runs: the empty version fails config_validity too.
    assertThat(full.summary().skipped()).isZero();
    assertThat(full.failures())
        .extracting(TestResult::name)
        .containsExactly("metadata_completeness", "config_validity");
  }

  @Test
  void withoutContinueOnFailureAConformantPackRunsEverything() {
    ConformanceReport report =
        new ConformanceRunner(new ConformanceConfig().withContinueOnFailure(false))
            .run(new FinalversePack());

    assertThat(report.summary()).isEqualTo(new ReportSummary(10, 10, 0, 0, true));
  }

  @Test
  void disabledCategoriesAreLeftOutOfTheReport() {
    ConformanceConfig coreOnly =
        ConformanceConfig.builder().runBehavioral(false).runPlatformSpecific(false).build();
    ConformanceConfig platformOnly =
        ConformanceConfig.builder().runCore(false).runBehavioral(false).build();

    ConformanceReport core = new ConformanceRunner(coreOnly).run(new MapleversePack());
    ConformanceReport platform = new ConformanceRunner(platformOnly).run(new MapleversePack());

    assertThat(core.results().keySet()).containsExactly(TestCategory.CORE);
    assertThat(core.summary().total()).isEqualTo(5);
    assertThat(platform.results().keySet()).containsExactly(TestCategory.PLATFORM_SPECIFIC);
    assertThat(platform.results(TestCategory.CORE)).isEmpty();
    assertThat(platform.summary().total()).isEqualTo(3);
  }

  @Test
  void theReportRecordsTheConfigurationAndTheRunnerCanBeReused() {
    ConformanceConfig config = new ConformanceConfig().withVerbose(true);
    ConformanceRunner runner = new ConformanceRunner(config);

    ConformanceReport first = runner.run(new MapleversePack());
    ConformanceReport second = runner.run(new FinalversePack());

    assertThat(first.config()).isEqualTo(config);
    assertThat(runner.config()).isEqualTo(config);
    assertThat(first.platformName()).isEqualTo("mapleverse");
    assertThat(second.platformName()).isEqualTo("finalverse");
    assertThat(second.isConformant()).isTrue();
  }

  @Test
  void aRunWithEveryCategoryOffIsNotConformant() {
    ConformanceConfig nothing =
        ConformanceConfig.builder()
            .runCore(false)
            .runBehavioral(false)
            .runPlatformSpecific(false)
            .build();
    ConformanceReport report =
        new ConformanceRunner(nothing).run(new dev.palm.packs.canonical.IBankPack());
    assertThat(report.summary().total()).isZero();
    assertThat(report.isConformant()).isFalse();
  }
}
