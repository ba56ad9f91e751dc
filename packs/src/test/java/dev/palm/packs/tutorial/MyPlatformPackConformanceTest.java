package dev.palm.packs.tutorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.conformance.ConformanceConfig;
import dev.palm.packs.conformance.ConformanceReport;
import dev.palm.packs.conformance.ConformanceRunner;
import dev.palm.packs.conformance.TestCategory;
import dev.palm.packs.conformance.TestHarness;
import dev.palm.packs.conformance.TestResult;
import dev.palm.packs.conformance.TestStatus;
import dev.palm.packs.spec.AgentSpec;
import dev.palm.packs.validation.PackValidator;
import dev.palm.packs.validation.ValidationResult;
import org.junit.jupiter.api.Test;

/** Step 6 of the tutorial: the example pack of Steps 2–5 passes the conformance suite. */
class MyPlatformPackConformanceTest {

  @Test
  void testConformance() {
    PlatformPack pack = new MyPlatformPack();

    ConformanceConfig config = new ConformanceConfig();
    ConformanceRunner runner = new ConformanceRunner(config);

    ConformanceReport report = runner.run(pack);
    System.out.println(report.toText());

    assertTrue(report.isConformant(), "Pack should be conformant");
  }

  @Test
  void theTutorialPackRunsTheFullSuiteAndSkipsOnlyPlatformTests() {
    ConformanceReport report = new TestHarness().assertConformant(new MyPlatformPack());

    assertThat(report.platformName()).isEqualTo("my-platform");
    assertThat(report.summary().passed()).isEqualTo(7);
    assertThat(report.summary().failed()).isZero();
    // A custom profile has no platform-specific tests, like Development.
    assertThat(report.results(TestCategory.PLATFORM_SPECIFIC))
        .singleElement()
        .satisfies(
            result -> {
              assertThat(result.name()).isEqualTo("platform_specific");
              assertThat(result.status()).isEqualTo(TestStatus.SKIPPED);
              assertThat(result.warnings())
                  .containsExactly("No platform-specific tests for this profile");
            });
    // Custom("my-platform") contains the name, so the profile matches without a warning.
    assertThat(report.result("profile_matches").orElseThrow().warnings()).isEmpty();
    assertThat(report.result("config_validity").orElseThrow().warnings()).isEmpty();
    assertThat(report.result("agent_spec_validation").orElseThrow().details()).isEmpty();
  }

  @Test
  void theTutorialPackIsValidAndOnlySuggestsDisablingAutoApproval() {
    ValidationResult result = PackValidator.validate(PlatformPackConfig.of(new MyPlatformPack()));

    assertThat(result.valid()).as(result.describe()).isTrue();
    assertThat(result.warnings()).isEmpty();
    // Step 3 keeps allow_auto_approval at its default (true) while requiring approval for deletes.
    assertThat(result.suggestions()).singleElement().asString().contains("allow_auto_approval");
  }

  @Test
  void step2AloneIsNotConformantBecauseAutoCheckpointIsOnWithoutCheckpointSupport() {
    ConformanceReport report =
        new ConformanceRunner(new ConformanceConfig()).run(MyPlatformPack.step2Only());

    assertThat(report.isConformant()).isFalse();
    assertThat(report.failures())
        .extracting(TestResult::name)
        .containsExactly("config_validity", "capability_consistency");
    assertThat(report.result("config_validity").orElseThrow().error().orElseThrow())
        .contains("Auto checkpoint is enabled", "capabilities.supports_checkpoints is false");
    assertThat(report.result("capability_consistency").orElseThrow().error())
        .contains("Auto-checkpoint enabled but checkpoints not supported");
    assertThat(
            PackValidator.validate(PlatformPackConfig.of(MyPlatformPack.step2Only())).errorCodes())
        .containsExactly("CAPABILITY_MISMATCH");
  }

  @Test
  void theTutorialsSpecValidationRejectsAnEmptyAgentName() throws PackException {
    MyPlatformPack pack = new MyPlatformPack();
    pack.validateAgentSpec(AgentSpec.create("test-agent", "1.0.0"));

    try {
      pack.validateAgentSpec(AgentSpec.create("", "1.0.0"));
      throw new AssertionError("an empty agent name must be rejected");
    } catch (PackException e) {
      assertThat(e.kind()).isEqualTo(dev.palm.packs.PackError.INCOMPATIBLE_SPEC);
      assertThat(e.getMessage()).isEqualTo("Agent name cannot be empty");
    }
  }
}
