package dev.palm.packs.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestHarnessTest {

  private final PlatformPack broken = PlatformPackConfig.defaults().toPack();

  @Test
  void assertConformantReturnsTheReportOfAConformantPack() {
    ConformanceReport report = new TestHarness().assertConformant(new IBankPack());

    assertThat(report.isConformant()).isTrue();
    assertThat(report.platformName()).isEqualTo("ibank");
  }

  @Test
  void assertConformantThrowsAnAssertionErrorCarryingTheTextReport() {
    assertThatThrownBy(() -> new TestHarness().assertConformant(broken))
        .isExactlyInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Platform pack 'unknown' is not conformant:\n")
        .hasMessageContaining("✗ config_validity", "Result: ✗ NON-CONFORMANT");
  }

  @Test
  void withConfigIsUsedForEveryRun() {
    ConformanceConfig config =
        new ConformanceConfig()
            .withRunPlatformSpecific(false)
            .withTestTimeout(Duration.ofSeconds(5));
    TestHarness harness = TestHarness.withConfig(config);

    ConformanceReport report = harness.run(new MapleversePack());

    assertThat(harness.config()).isEqualTo(config);
    assertThat(report.results().keySet())
        .containsExactly(TestCategory.CORE, TestCategory.BEHAVIORAL);
  }

  @Test
  void runAllKeepsTheOrderAndCheckAllConformantSaysWhichFailed() {
    TestHarness harness = new TestHarness();

    List<ConformanceReport> reports = harness.runAll(List.of(new MapleversePack(), broken));
    TestHarness.ConformanceCheck check =
        harness.checkAllConformant(List.of(new MapleversePack(), broken));

    assertThat(reports)
        .extracting(ConformanceReport::platformName)
        .containsExactly("mapleverse", "unknown");
    assertThat(check.allConformant()).isFalse();
    assertThat(check.nonConformant())
        .extracting(ConformanceReport::platformName)
        .containsExactly("unknown");
    assertThat(harness.checkAllConformant(List.of()).allConformant()).isTrue();
  }
}
