package dev.palm.packs.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.FinalversePack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalPacksConformanceTest {

  private static final String MISSING_KEY =
      "encrypt_at_rest is enabled but encryption_key_id is not set; key must be provided at runtime";

  private final ConformanceRunner runner = new ConformanceRunner(new ConformanceConfig());

  @Test
  void mapleverseIsConformantWithItsThreePlatformTestsAndNoWarnings() {
    ConformanceReport report = runner.run(new MapleversePack());

    assertConformantWithFullSuite(
        report,
        "mapleverse",
        List.of(
            "mapleverse_throughput_config",
            "mapleverse_no_human_approval",
            "mapleverse_fast_recovery"));
    assertThat(report.allResults()).allSatisfy(result -> assertThat(result.warnings()).isEmpty());
  }

  @Test
  void finalverseIsConformantAndWarnsAboutTheMissingEncryptionKey() {
    ConformanceReport report = runner.run(new FinalversePack());

    assertConformantWithFullSuite(
        report,
        "finalverse",
        List.of(
            "finalverse_human_approval",
            "finalverse_safety_holds",
            "finalverse_conservative_recovery"));
    assertThat(report.result("config_validity").orElseThrow().warnings())
        .containsExactly(MISSING_KEY);
    // It restores checkpoints first, so the recovery test has nothing to warn about.
    assertThat(report.result("finalverse_conservative_recovery").orElseThrow().warnings())
        .isEmpty();
  }

  @Test
  void ibankIsConformantAndWarnsAboutTheMissingEncryptionKey() {
    ConformanceReport report = runner.run(new IBankPack());

    assertConformantWithFullSuite(
        report,
        "ibank",
        List.of(
            "ibank_accountability",
            "ibank_no_force_operations",
            "ibank_audit_retention",
            "ibank_no_live_migration"));
    assertThat(report.result("config_validity").orElseThrow().warnings())
        .containsExactly(MISSING_KEY);
  }

  private static void assertConformantWithFullSuite(
      ConformanceReport report, String name, List<String> platformTests) {
    assertThat(report.isConformant()).as(report.toText()).isTrue();
    assertThat(report.platformName()).isEqualTo(name);
    assertThat(report.results().keySet())
        .containsExactly(
            TestCategory.CORE, TestCategory.BEHAVIORAL, TestCategory.PLATFORM_SPECIFIC);
    assertThat(report.results(TestCategory.CORE))
        .extracting(TestResult::name)
        .containsExactly(
            "metadata_completeness",
            "config_validity",
            "capability_consistency",
            "lifecycle_callbacks",
            "profile_matches");
    assertThat(report.results(TestCategory.BEHAVIORAL))
        .extracting(TestResult::name)
        .containsExactly("agent_spec_validation", "resource_limits");
    assertThat(report.results(TestCategory.PLATFORM_SPECIFIC))
        .extracting(TestResult::name)
        .containsExactlyElementsOf(platformTests);
    assertThat(report.summary())
        .isEqualTo(
            new ReportSummary(7 + platformTests.size(), 7 + platformTests.size(), 0, 0, true));
    assertThat(report.result("profile_matches").orElseThrow().warnings()).isEmpty();
    assertThat(report.result("agent_spec_validation").orElseThrow().details()).isEmpty();
  }

  @Test
  void theHarnessFindsAllThreeConformant() {
    List<PlatformPack> packs =
        List.of(MapleversePack.mapleverse(), FinalversePack.finalverse(), IBankPack.ibank());

    TestHarness.ConformanceCheck check = new TestHarness().checkAllConformant(packs);

    assertThat(check.allConformant()).isTrue();
    assertThat(check.reports())
        .extracting(ConformanceReport::platformName)
        .containsExactly("mapleverse", "finalverse", "ibank");
    assertThat(check.nonConformant()).isEmpty();
  }
}
