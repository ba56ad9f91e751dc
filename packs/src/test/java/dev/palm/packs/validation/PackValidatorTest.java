package dev.palm.packs.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.packs.CircuitBreakerConfigBuilder;
import dev.palm.packs.PlatformCapabilitiesBuilder;
import dev.palm.packs.PlatformHealthConfig;
import dev.palm.packs.PlatformMetadataBuilder;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.PlatformPolicyConfig;
import dev.palm.packs.PlatformRecoveryConfig;
import dev.palm.packs.PlatformResourceConfig;
import dev.palm.packs.PlatformStateConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackValidatorTest {

  /** The defaults with checkpoints supported: the smallest configuration without any finding. */
  private static PlatformPackConfig clean() {
    PlatformPackConfig defaults = PlatformPackConfig.defaults();
    return defaults.toBuilder()
        .capabilities(defaults.capabilities().toBuilder().supportsCheckpoints(true).build())
        .build();
  }

  private static PlatformPackConfig metadata(UnaryOperator<PlatformMetadataBuilder> change) {
    PlatformPackConfig base = clean();
    return base.toBuilder().metadata(change.apply(base.metadata().toBuilder()).build()).build();
  }

  private static PlatformPackConfig policy(UnaryOperator<PlatformPolicyConfig> change) {
    PlatformPackConfig base = clean();
    return base.toBuilder().policy(change.apply(base.policy())).build();
  }

  private static PlatformPackConfig health(UnaryOperator<PlatformHealthConfig> change) {
    PlatformPackConfig base = clean();
    return base.toBuilder().health(change.apply(base.health())).build();
  }

  private static PlatformPackConfig state(UnaryOperator<PlatformStateConfig> change) {
    PlatformPackConfig base = clean();
    return base.toBuilder().state(change.apply(base.state())).build();
  }

  private static PlatformPackConfig resources(UnaryOperator<PlatformResourceConfig> change) {
    PlatformPackConfig base = clean();
    return base.toBuilder().resources(change.apply(base.resources())).build();
  }

  private static PlatformPackConfig recovery(UnaryOperator<PlatformRecoveryConfig> change) {
    PlatformPackConfig base = clean();
    return base.toBuilder().recovery(change.apply(base.recovery())).build();
  }

  private static PlatformPackConfig capabilities(
      PlatformPackConfig base, UnaryOperator<PlatformCapabilitiesBuilder> change) {
    return base.toBuilder()
        .capabilities(change.apply(base.capabilities().toBuilder()).build())
        .build();
  }

  private static ValidationError onlyError(ValidationResult result, String code) {
    List<ValidationError> matching =
        result.errors().stream().filter(e -> e.code().equals(code)).toList();
    assertThat(matching).as("errors with code %s in %s", code, result.describe()).hasSize(1);
    return matching.get(0);
  }

  private static ValidationWarning onlyWarning(ValidationResult result, String code) {
    List<ValidationWarning> matching =
        result.warnings().stream().filter(w -> w.code().equals(code)).toList();
    assertThat(matching).as("warnings with code %s in %s", code, result.describe()).hasSize(1);
    return matching.get(0);
  }

  private static void assertClean(PlatformPackConfig config) {
    ValidationResult result = PackValidator.validate(config);
    assertThat(result.valid()).as(result.describe()).isTrue();
    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).isEmpty();
    assertThat(result.suggestions()).isEmpty();
  }

  @Test
  void theCleanBaseHasNoFindings() {
    assertClean(clean());
  }

  @Test
  void aRuleNamingAnOperationOutsideTheVocabularyIsAnError() {
    PlatformPackConfig base = clean();
    PlatformPackConfig misspelled =
        base.toBuilder()
            .policy(
                base.policy().toBuilder()
                    .humanApproval(
                        base.policy().humanApproval().toBuilder()
                            .alwaysRequired(List.of("delete_deploymnet"))
                            .build())
                    .safetyHolds(
                        base.policy().safetyHolds().toBuilder()
                            .blockedOperations(List.of("FORCE_RESTART", "drain_node"))
                            .build())
                    .build())
            .build();

    ValidationResult result = PackValidator.validate(misspelled);

    assertThat(result.valid()).isFalse();
    List<ValidationError> unknown =
        result.errors().stream().filter(e -> e.code().equals("UNKNOWN_OPERATION")).toList();
    assertThat(unknown).hasSize(3);
    assertThat(unknown.get(0).message())
        .startsWith("policy.human_approval.always_required[0] names 'delete_deploymnet'")
        .contains("(did you mean 'delete_deployment'?)");
    assertThat(unknown.get(1).message()).contains("(did you mean 'force_restart'?)");
    assertThat(unknown.get(2).field()).contains("policy.safety_holds.blocked_operations[1]");

    PlatformPackConfig declared =
        misspelled.toBuilder()
            .policy(
                misspelled.policy().toBuilder()
                    .humanApproval(
                        base.policy().humanApproval().toBuilder()
                            .alwaysRequired(List.of("delete_deployment"))
                            .build())
                    .safetyHolds(
                        base.policy().safetyHolds().toBuilder()
                            .blockedOperations(List.of("drain_node"))
                            .build())
                    .build())
            .extensions(base.extensions().toBuilder().operations(List.of("drain_node")).build())
            .build();
    assertThat(PackValidator.validate(declared).errorCodes()).doesNotContain("UNKNOWN_OPERATION");
  }

  @Test
  void aDeclaredOperationNeedsAUsableName() {
    PlatformPackConfig base = clean();
    ValidationResult result =
        PackValidator.validate(
            base.toBuilder()
                .extensions(
                    base.extensions().toBuilder().operations(List.of("Drain Node", "")).build())
                .build());
    assertThat(result.errorCodes())
        .containsExactly("INVALID_OPERATION_NAME", "INVALID_OPERATION_NAME");
  }

  @Test
  void autoApprovalThatCouldNeverBeUsedIsAnError() {
    PlatformPackConfig base = clean();
    PlatformPackConfig twoApprovers =
        base.toBuilder()
            .policy(
                base.policy().toBuilder()
                    .humanApproval(
                        base.policy().humanApproval().toBuilder().allowAutoApproval(true).build())
                    .build())
            .extensions(base.extensions().toBuilder().approvalsRequired(2).build())
            .build();

    assertThat(PackValidator.validate(twoApprovers).errorCodes()).contains("AUTO_APPROVAL_INERT");
    PlatformPackConfig oneApprover =
        twoApprovers.toBuilder()
            .extensions(twoApprovers.extensions().toBuilder().approvalsRequired(1).build())
            .build();
    assertThat(PackValidator.validate(oneApprover).errorCodes())
        .doesNotContain("AUTO_APPROVAL_INERT");
  }

  @Test
  void defaultConfigIsInvalidBecauseAutoCheckpointIsOnButCheckpointsAreUnsupported() {
    ValidationResult result = PackValidator.validate(PlatformPackConfig.defaults());

    assertThat(result.valid()).isFalse();
    assertThat(result.errorCodes()).containsExactly("CAPABILITY_MISMATCH");
    ValidationError error = result.errors().get(0);
    assertThat(error.field()).contains("capabilities.supports_checkpoints");
    assertThat(error.severity()).isEqualTo(ErrorSeverity.ERROR);
    assertThat(error.message())
        .contains("state.checkpoint.auto_checkpoint", "capabilities.supports_checkpoints");
  }

  @Test
  void emptyNameIsCriticalInvalidName() {
    ValidationResult result = PackValidator.validate(metadata(m -> m.name("")));

    assertThat(result.valid()).isFalse();
    ValidationError error = onlyError(result, "INVALID_NAME");
    assertThat(error.message()).isEqualTo("Platform name cannot be empty");
    assertThat(error.field()).contains("metadata.name");
    assertThat(error.severity()).isEqualTo(ErrorSeverity.CRITICAL);
    assertThat(result.hasCriticalErrors()).isTrue();
    // An empty name has no bad characters.
    assertThat(result.errorCodes()).doesNotContain("INVALID_NAME_CHARS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"my platform", "my.platform", "pack/1", "ibank!"})
  void nameWithOtherCharactersIsInvalidNameChars(String name) {
    ValidationResult result = PackValidator.validate(metadata(m -> m.name(name)));

    assertThat(result.valid()).isFalse();
    ValidationError error = onlyError(result, "INVALID_NAME_CHARS");
    assertThat(error.field()).contains("metadata.name");
    assertThat(error.severity()).isEqualTo(ErrorSeverity.ERROR);
    assertThat(error.message()).contains(name, "alphanumeric characters, underscores or hyphens");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mapleverse", "my-platform", "my_platform_2", "Café", "X"})
  void alphanumericUnderscoreAndHyphenNamesAreAccepted(String name) {
    assertClean(metadata(m -> m.name(name)));
  }

  @Test
  void emptyVersionIsInvalidVersionWithoutSemverWarning() {
    ValidationResult result = PackValidator.validate(metadata(m -> m.version("")));

    assertThat(result.valid()).isFalse();
    ValidationError error = onlyError(result, "INVALID_VERSION");
    assertThat(error.field()).contains("metadata.version");
    assertThat(result.warningCodes()).doesNotContain("NON_SEMVER_VERSION");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "v1.0.0", "01.0.0", "latest"})
  void nonSemverVersionIsOnlyAWarning(String version) {
    ValidationResult result = PackValidator.validate(metadata(m -> m.version(version)));

    assertThat(result.valid()).isTrue();
    ValidationWarning warning = onlyWarning(result, "NON_SEMVER_VERSION");
    assertThat(warning.field()).contains("metadata.version");
    assertThat(warning.message()).contains(version, "semver");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.1.0", "10.20.30", "1.0.0-rc.1", "1.0.0+build.5"})
  void semverVersionsAreAccepted(String version) {
    assertClean(metadata(m -> m.version(version)));
  }

  @Test
  void zeroMaxConcurrentDeploymentsIsInvalidLimit() {
    ValidationResult result =
        PackValidator.validate(
            policy(
                p ->
                    p.toBuilder()
                        .limits(p.limits().toBuilder().maxConcurrentDeployments(0).build())
                        .build()));

    assertThat(result.valid()).isFalse();
    ValidationError error = onlyError(result, "INVALID_LIMIT");
    assertThat(error.field()).contains("policy.limits.max_concurrent_deployments");
    assertThat(error.message())
        .contains("policy.limits.max_concurrent_deployments", "greater than 0");
  }

  @Test
  void oneConcurrentDeploymentIsEnough() {
    assertClean(
        policy(
            p ->
                p.toBuilder()
                    .limits(p.limits().toBuilder().maxConcurrentDeployments(1).build())
                    .build()));
  }

  @Test
  void zeroRateLimitIsAWarning() {
    ValidationResult result =
        PackValidator.validate(
            policy(
                p ->
                    p.toBuilder()
                        .limits(p.limits().toBuilder().rateLimitPerMinute(0).build())
                        .build()));

    assertThat(result.valid()).isTrue();
    ValidationWarning warning = onlyWarning(result, "ZERO_RATE_LIMIT");
    assertThat(warning.field()).contains("policy.limits.rate_limit_per_minute");
    assertThat(warning.message()).contains("block all operations");
  }

  @Test
  void autoApprovalWithAlwaysRequiredOperationsIsASuggestion() {
    PlatformPackConfig config =
        capabilities(
            policy(
                p ->
                    p.toBuilder()
                        .humanApproval(
                            p.humanApproval().toBuilder()
                                .allowAutoApproval(true)
                                .alwaysRequired(List.of("delete_deployment"))
                                .build())
                        .build()),
            c -> c.supportsHumanApproval(true));

    ValidationResult result = PackValidator.validate(config);

    assertThat(result.valid()).isTrue();
    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).isEmpty();
    assertThat(result.suggestions())
        .singleElement()
        .asString()
        .contains("policy.human_approval.allow_auto_approval", "disabling auto_approval");
  }

  @Test
  void noSuggestionWithoutAutoApproval() {
    PlatformPackConfig config =
        capabilities(
            policy(
                p ->
                    p.toBuilder()
                        .humanApproval(
                            p.humanApproval().toBuilder()
                                .allowAutoApproval(false)
                                .alwaysRequired(List.of("delete_deployment"))
                                .build())
                        .build()),
            c -> c.supportsHumanApproval(true));

    assertClean(config);
  }

  @Test
  void zeroCheckIntervalIsInvalidInterval() {
    ValidationResult result =
        PackValidator.validate(health(h -> h.toBuilder().checkIntervalSecs(0).build()));

    assertThat(result.valid()).isFalse();
    assertThat(onlyError(result, "INVALID_INTERVAL").field())
        .contains("health.check_interval_secs");
  }

  @Test
  void livenessTimeoutEqualToPeriodIsAWarning() {
    ValidationResult result =
        PackValidator.validate(
            health(
                h ->
                    h.toBuilder()
                        .probes(
                            h.probes().toBuilder()
                                .liveness(
                                    h.probes().liveness().toBuilder()
                                        .timeoutSecs(10)
                                        .periodSecs(10)
                                        .build())
                                .build())
                        .build()));

    assertThat(result.valid()).isTrue();
    ValidationWarning warning = onlyWarning(result, "TIMEOUT_EXCEEDS_PERIOD");
    assertThat(warning.field()).contains("health.probes.liveness");
    assertThat(warning.message()).contains("health.probes.liveness.timeout_secs is 10");
  }

  @Test
  void livenessTimeoutBelowPeriodIsFine() {
    assertClean(
        health(
            h ->
                h.toBuilder()
                    .probes(
                        h.probes().toBuilder()
                            .liveness(
                                h.probes().liveness().toBuilder()
                                    .timeoutSecs(9)
                                    .periodSecs(10)
                                    .build())
                            .build())
                    .build()));
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.5, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
  void attentionThresholdOutsideZeroToOneIsInvalidThreshold(double threshold) {
    ValidationResult result =
        PackValidator.validate(
            health(
                h ->
                    h.toBuilder()
                        .resonance(
                            h.resonance().toBuilder()
                                .attentionExhaustionThreshold(threshold)
                                .build())
                        .build()));

    assertThat(result.valid()).isFalse();
    assertThat(onlyError(result, "INVALID_THRESHOLD").field())
        .contains("health.resonance.attention_exhaustion_threshold");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.5, 1.0})
  void attentionThresholdInsideZeroToOneIsFine(double threshold) {
    assertClean(
        health(
            h ->
                h.toBuilder()
                    .resonance(
                        h.resonance().toBuilder().attentionExhaustionThreshold(threshold).build())
                    .build()));
  }

  @Test
  void autoCheckpointWithZeroIntervalIsInvalidCheckpointInterval() {
    ValidationResult result =
        PackValidator.validate(
            state(
                s ->
                    s.toBuilder()
                        .checkpoint(
                            s.checkpoint().toBuilder().autoCheckpoint(true).intervalSecs(0).build())
                        .build()));

    assertThat(result.valid()).isFalse();
    assertThat(onlyError(result, "INVALID_CHECKPOINT_INTERVAL").field())
        .contains("state.checkpoint.interval_secs");
  }

  @Test
  void zeroIntervalWithoutAutoCheckpointIsFine() {
    assertClean(
        state(
            s ->
                s.toBuilder()
                    .checkpoint(
                        s.checkpoint().toBuilder().autoCheckpoint(false).intervalSecs(0).build())
                    .build()));
  }

  @Test
  void encryptionWithoutKeyIdIsMissingEncryptionKeyWarning() {
    ValidationResult result =
        PackValidator.validate(
            state(
                s ->
                    s.toBuilder()
                        .serialization(
                            s.serialization().toBuilder()
                                .encryptAtRest(true)
                                .encryptionKeyId(Optional.empty())
                                .build())
                        .build()));

    assertThat(result.valid()).isTrue();
    ValidationWarning warning = onlyWarning(result, "MISSING_ENCRYPTION_KEY");
    assertThat(warning.message())
        .isEqualTo(
            "encrypt_at_rest is enabled but encryption_key_id is not set; key must be provided at runtime");
    assertThat(warning.field()).contains("state.serialization.encryption_key_id");
  }

  @Test
  void encryptionWithKeyIdIsFine() {
    assertClean(
        state(
            s ->
                s.toBuilder()
                    .serialization(
                        s.serialization().toBuilder()
                            .encryptAtRest(true)
                            .encryptionKeyId("kms-key-1")
                            .build())
                    .build()));
  }

  @Test
  void defaultCpuAboveMaxIsDefaultExceedsLimit() {
    ValidationResult result =
        PackValidator.validate(
            resources(
                r ->
                    r.toBuilder()
                        .defaults(
                            r.defaults().toBuilder()
                                .cpuMillicores(r.limits().maxCpuMillicores() + 1)
                                .build())
                        .build()));

    assertThat(result.valid()).isFalse();
    assertThat(onlyError(result, "DEFAULT_EXCEEDS_LIMIT").field())
        .contains("resources.defaults.cpu_millicores");
  }

  @Test
  void defaultMemoryAboveMaxIsDefaultExceedsLimit() {
    ValidationResult result =
        PackValidator.validate(
            resources(
                r ->
                    r.toBuilder()
                        .defaults(
                            r.defaults().toBuilder().memoryMb(r.limits().maxMemoryMb() + 1).build())
                        .build()));

    assertThat(result.valid()).isFalse();
    assertThat(onlyError(result, "DEFAULT_EXCEEDS_LIMIT").field())
        .contains("resources.defaults.memory_mb");
  }

  @Test
  void bothDefaultsAboveMaxGiveTwoErrors() {
    ValidationResult result =
        PackValidator.validate(
            resources(
                r ->
                    r.toBuilder()
                        .defaults(
                            r.defaults().toBuilder().cpuMillicores(99_999).memoryMb(99_999).build())
                        .build()));

    assertThat(result.errorCodes())
        .containsExactly("DEFAULT_EXCEEDS_LIMIT", "DEFAULT_EXCEEDS_LIMIT");
  }

  @Test
  void defaultsEqualToMaxAreFine() {
    assertClean(
        resources(
            r ->
                r.toBuilder()
                    .defaults(
                        r.defaults().toBuilder()
                            .cpuMillicores(r.limits().maxCpuMillicores())
                            .memoryMb(r.limits().maxMemoryMb())
                            .build())
                    .build()));
  }

  @Test
  void minInstancesAboveMaxIsInvalidScalingRange() {
    ValidationResult result =
        PackValidator.validate(
            resources(
                r ->
                    r.toBuilder()
                        .scaling(r.scaling().toBuilder().minInstances(5).maxInstances(3).build())
                        .build()));

    assertThat(result.valid()).isFalse();
    ValidationError error = onlyError(result, "INVALID_SCALING_RANGE");
    assertThat(error.field()).contains("resources.scaling.min_instances");
    assertThat(error.message()).contains("min_instances is 5", "max_instances is 3");
  }

  @Test
  void equalMinAndMaxInstancesAreFine() {
    assertClean(
        resources(
            r ->
                r.toBuilder()
                    .scaling(r.scaling().toBuilder().minInstances(3).maxInstances(3).build())
                    .build()));
  }

  @Test
  void scaleUpNotAboveScaleDownIsOverlappingThresholdsWarning() {
    ValidationResult result =
        PackValidator.validate(
            resources(
                r ->
                    r.toBuilder()
                        .scaling(
                            r.scaling().toBuilder()
                                .scaleUpThreshold(0.4)
                                .scaleDownThreshold(0.4)
                                .build())
                        .build()));

    assertThat(result.valid()).isTrue();
    assertThat(onlyWarning(result, "OVERLAPPING_THRESHOLDS").field())
        .contains("resources.scaling.scale_up_threshold");
  }

  @Test
  void scaleUpAboveScaleDownIsFine() {
    assertClean(
        resources(
            r ->
                r.toBuilder()
                    .scaling(
                        r.scaling().toBuilder()
                            .scaleUpThreshold(0.41)
                            .scaleDownThreshold(0.4)
                            .build())
                    .build()));
  }

  @Test
  void enabledAutoRecoveryWithZeroAttemptsIsInvalidRecoveryAttempts() {
    ValidationResult result =
        PackValidator.validate(
            recovery(
                r ->
                    r.toBuilder()
                        .autoRecovery(
                            r.autoRecovery().toBuilder().enabled(true).maxAttempts(0).build())
                        .build()));

    assertThat(result.valid()).isFalse();
    assertThat(onlyError(result, "INVALID_RECOVERY_ATTEMPTS").field())
        .contains("recovery.auto_recovery.max_attempts");
  }

  @Test
  void disabledAutoRecoveryWithZeroAttemptsIsFine() {
    assertClean(
        recovery(
            r ->
                r.toBuilder()
                    .autoRecovery(
                        r.autoRecovery().toBuilder().enabled(false).maxAttempts(0).build())
                    .build()));
  }

  @Test
  void enabledCircuitBreakerWithZeroFailureThresholdIsInvalid() {
    ValidationResult result =
        PackValidator.validate(breaker(b -> b.enabled(true).failureThreshold(0)));

    assertThat(result.valid()).isFalse();
    assertThat(onlyError(result, "INVALID_CIRCUIT_BREAKER").field())
        .contains("recovery.circuit_breaker.failure_threshold");
  }

  @Test
  void enabledCircuitBreakerWithZeroSuccessThresholdIsInvalid() {
    ValidationResult result =
        PackValidator.validate(breaker(b -> b.enabled(true).successThreshold(0)));

    assertThat(result.valid()).isFalse();
    assertThat(onlyError(result, "INVALID_CIRCUIT_BREAKER").field())
        .contains("recovery.circuit_breaker.success_threshold");
  }

  @Test
  void bothZeroThresholdsGiveTwoErrors() {
    ValidationResult result =
        PackValidator.validate(
            breaker(b -> b.enabled(true).failureThreshold(0).successThreshold(0)));

    assertThat(result.errorCodes())
        .containsExactly("INVALID_CIRCUIT_BREAKER", "INVALID_CIRCUIT_BREAKER");
  }

  @Test
  void disabledCircuitBreakerWithZeroThresholdsIsFine() {
    assertClean(breaker(b -> b.enabled(false).failureThreshold(0).successThreshold(0)));
  }

  private static PlatformPackConfig breaker(UnaryOperator<CircuitBreakerConfigBuilder> change) {
    return recovery(
        r ->
            r.toBuilder()
                .circuitBreaker(change.apply(r.circuitBreaker().toBuilder()).build())
                .build());
  }

  @Test
  void liveMigrationWithoutSupportsMigrationIsMismatch() {
    PlatformPackConfig config =
        state(
            s ->
                s.toBuilder()
                    .migration(s.migration().toBuilder().enableLiveMigration(true).build())
                    .build());

    ValidationResult result = PackValidator.validate(config);

    assertThat(result.valid()).isFalse();
    ValidationError error = onlyError(result, "CAPABILITY_MISMATCH");
    assertThat(error.field()).contains("capabilities.supports_migration");
    assertThat(error.message()).contains("state.migration.enable_live_migration");
    assertClean(capabilities(config, c -> c.supportsMigration(true)));
  }

  @Test
  void alwaysRequiredApprovalWithoutSupportsHumanApprovalIsMismatch() {
    PlatformPackConfig config =
        policy(
            p ->
                p.toBuilder()
                    .humanApproval(
                        p.humanApproval().toBuilder()
                            .allowAutoApproval(false)
                            .alwaysRequired(List.of("delete_deployment"))
                            .build())
                    .build());

    ValidationResult result = PackValidator.validate(config);

    assertThat(result.valid()).isFalse();
    ValidationError error = onlyError(result, "CAPABILITY_MISMATCH");
    assertThat(error.field()).contains("capabilities.supports_human_approval");
    assertThat(error.message()).contains("policy.human_approval.always_required");
    assertClean(capabilities(config, c -> c.supportsHumanApproval(true)));
  }

  @Test
  void autoCheckpointWithoutSupportsCheckpointsIsMismatchAndDisablingItFixesIt() {
    PlatformPackConfig config = capabilities(clean(), c -> c.supportsCheckpoints(false));

    ValidationResult result = PackValidator.validate(config);

    assertThat(onlyError(result, "CAPABILITY_MISMATCH").field())
        .contains("capabilities.supports_checkpoints");
    PlatformPackConfig noAutoCheckpoint =
        config.toBuilder()
            .state(
                config.state().toBuilder()
                    .checkpoint(
                        config.state().checkpoint().toBuilder().autoCheckpoint(false).build())
                    .build())
            .build();
    assertClean(noAutoCheckpoint);
  }

  @Test
  void allThreeMismatchesAreReportedInOrder() {
    PlatformPackConfig base = PlatformPackConfig.defaults();
    PlatformPackConfig config =
        base.toBuilder()
            .state(
                base.state().toBuilder()
                    .migration(
                        base.state().migration().toBuilder().enableLiveMigration(true).build())
                    .build())
            .policy(
                base.policy().toBuilder()
                    .humanApproval(
                        base.policy().humanApproval().toBuilder()
                            .alwaysRequired(List.of("scale"))
                            .build())
                    .build())
            .build();

    ValidationResult result = PackValidator.validate(config);

    assertThat(result.errors())
        .extracting(e -> e.field().orElseThrow())
        .containsExactly(
            "capabilities.supports_migration",
            "capabilities.supports_human_approval",
            "capabilities.supports_checkpoints");
  }

  @Test
  void findingsOfSeveralSectionsAreAllReported() {
    PlatformPackConfig base = clean();
    PlatformPackConfig config =
        base.toBuilder()
            .metadata(base.metadata().toBuilder().name("bad name").version("1").build())
            .health(base.health().toBuilder().checkIntervalSecs(0).build())
            .build();

    ValidationResult result = PackValidator.validate(config);

    assertThat(result.errorCodes()).containsExactly("INVALID_NAME_CHARS", "INVALID_INTERVAL");
    assertThat(result.warningCodes()).containsExactly("NON_SEMVER_VERSION");
    assertThat(result.describe())
        .contains("INVALID", "INVALID_NAME_CHARS", "metadata.name", "NON_SEMVER_VERSION");
  }
}
