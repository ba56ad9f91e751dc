package dev.palm.packs.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformCapabilitiesBuilder;
import dev.palm.packs.PlatformPackConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeCompatibilityTest {

  private static final PlatformCapabilities FULL_RUNTIME =
      PlatformCapabilities.builder()
          .supportsMigration(true)
          .supportsHotReload(true)
          .supportsHumanApproval(true)
          .supportsCheckpoints(true)
          .supportsCanary(true)
          .build();

  private static PlatformPackConfig requiring(String... features) {
    PlatformPackConfig base = PlatformPackConfig.defaults();
    return base.toBuilder()
        .metadata(
            base.metadata().toBuilder()
                .compatibility(
                    base.metadata().compatibility().toBuilder()
                        .requiredFeatures(List.of(features))
                        .build())
                .build())
        .build();
  }

  @Test
  void everyMappedFeatureIsSupportedByAFullRuntime() {
    ValidationResult result =
        PackValidator.validateRuntimeCompatibility(
            requiring(
                "live_migration",
                "hot_reload",
                "human_approval",
                "checkpoints",
                "canary_deployments"),
            FULL_RUNTIME);

    assertThat(result.valid()).isTrue();
    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "live_migration, migration",
    "hot_reload, hot_reload",
    "human_approval, human_approval",
    "checkpoints, checkpoints",
    "canary_deployments, canary"
  })
  void eachFeatureMapsToItsOwnCapabilityFlag(String feature, String flag) {
    PlatformCapabilitiesBuilder runtime = FULL_RUNTIME.toBuilder();
    switch (flag) {
      case "migration" -> runtime.supportsMigration(false);
      case "hot_reload" -> runtime.supportsHotReload(false);
      case "human_approval" -> runtime.supportsHumanApproval(false);
      case "checkpoints" -> runtime.supportsCheckpoints(false);
      case "canary" -> runtime.supportsCanary(false);
      default -> throw new IllegalArgumentException(flag);
    }

    ValidationResult result =
        PackValidator.validateRuntimeCompatibility(
            requiring(
                "live_migration",
                "hot_reload",
                "human_approval",
                "checkpoints",
                "canary_deployments"),
            runtime.build());

    assertThat(result.valid()).isFalse();
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.code()).isEqualTo("UNSUPPORTED_FEATURE");
              assertThat(error.severity()).isEqualTo(ErrorSeverity.CRITICAL);
              assertThat(error.message())
                  .startsWith("Required feature '" + feature + "' is not supported by the runtime");
              assertThat(error.field()).contains("metadata.compatibility.required_features");
            });
  }

  @Test
  void otherFeaturesAreLookedUpInTheRuntimesCustomCapabilities() {
    PlatformPackConfig config =
        requiring("audit_logging", "integrity_chain", "commitment_accounting");
    PlatformCapabilities runtime =
        FULL_RUNTIME.toBuilder()
            .custom(
                Map.of(
                    "audit_logging",
                    true,
                    "integrity_chain",
                    Map.of("algorithm", "sha512"),
                    "commitment_accounting",
                    false))
            .build();

    ValidationResult result = PackValidator.validateRuntimeCompatibility(config, runtime);

    // Present keys count as supported, except one explicitly set to false.
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.code()).isEqualTo("UNSUPPORTED_FEATURE");
              assertThat(error.message()).contains("'commitment_accounting'");
            });
    assertThat(
            PackValidator.validateRuntimeCompatibility(requiring("gpu"), FULL_RUNTIME).errorCodes())
        .containsExactly("UNSUPPORTED_FEATURE");
  }

  @Test
  void packLimitsAboveTheRuntimesAreWarnings() {
    PlatformPackConfig base = PlatformPackConfig.defaults();
    PlatformPackConfig config =
        base.toBuilder()
            .policy(
                base.policy().toBuilder()
                    .limits(
                        base.policy().limits().toBuilder().maxConcurrentDeployments(500).build())
                    .build())
            .capabilities(
                base.capabilities().toBuilder()
                    .maxDeployments(1000)
                    .maxInstancesPerDeployment(500)
                    .maxTotalInstances(100_000)
                    .build())
            .build();
    PlatformCapabilities runtime =
        FULL_RUNTIME.toBuilder()
            .maxDeployments(100)
            .maxInstancesPerDeployment(50)
            .maxTotalInstances(10_000)
            .build();

    ValidationResult result = PackValidator.validateRuntimeCompatibility(config, runtime);

    assertThat(result.valid()).isTrue();
    assertThat(result.warningCodes()).containsOnly("EXCEEDS_RUNTIME_LIMIT").hasSize(4);
    assertThat(result.warnings())
        .extracting(w -> w.field().orElseThrow())
        .containsExactly(
            "policy.limits.max_concurrent_deployments",
            "capabilities.max_deployments",
            "capabilities.max_instances_per_deployment",
            "capabilities.max_total_instances");
    assertThat(result.warnings().get(0).message())
        .isEqualTo("Configured max_concurrent_deployments (500) exceeds runtime limit (100)");
  }

  @Test
  void limitsWithinTheRuntimesOrUnboundedRuntimeGiveNoWarnings() {
    PlatformPackConfig base = PlatformPackConfig.defaults();
    PlatformPackConfig config =
        base.toBuilder()
            .capabilities(
                base.capabilities().toBuilder()
                    .maxDeployments(100)
                    .maxTotalInstances(10_000)
                    .build())
            .build();
    PlatformCapabilities bounded =
        FULL_RUNTIME.toBuilder()
            .maxDeployments(100)
            .maxInstancesPerDeployment(50)
            .maxTotalInstances(10_000)
            .build();

    assertThat(PackValidator.validateRuntimeCompatibility(config, bounded).warnings()).isEmpty();
    assertThat(PackValidator.validateRuntimeCompatibility(config, FULL_RUNTIME).warnings())
        .isEmpty();
  }
}
