package dev.palm.packs.validation;

import dev.palm.packs.CircuitBreakerConfig;
import dev.palm.packs.OperationVocabulary;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformHealthConfig;
import dev.palm.packs.PlatformMetadata;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.PlatformPolicyConfig;
import dev.palm.packs.PlatformRecoveryConfig;
import dev.palm.packs.PlatformResourceConfig;
import dev.palm.packs.PlatformStateConfig;
import dev.palm.packs.ProbeSettings;
import dev.palm.packs.SemVer;
import dev.palm.packs.ThresholdApproval;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a {@link PlatformPackConfig} against the rules of docs/pack-contract.md §5.3 (the original
 * {@code validate_pack}) and checks that a pack can run on a runtime with given capabilities.
 *
 * <p>Every error and warning carries a stable code and the snake_case path of the field it
 * concerns, as in a pack file, so that a pack author can find it.
 */
public final class PackValidator {

  private PackValidator() {}

  /**
   * Validates every section of {@code config} (metadata, policy, health, state, resources,
   * recovery) and the consistency of its capabilities with the rest of the configuration.
   */
  public static ValidationResult validate(PlatformPackConfig config) {
    Objects.requireNonNull(config, "config");
    return validateMetadata(config.metadata())
        .merge(validatePolicy(config.policy()))
        .merge(validateHealth(config.health()))
        .merge(validateState(config.state()))
        .merge(validateResources(config.resources()))
        .merge(validateRecovery(config.recovery()))
        .merge(validateCapabilitiesConsistency(config))
        .merge(validateOperations(config))
        .merge(validateStandingApprovals(config));
  }

  /**
   * Refuses {@code allow_auto_approval} where the pipeline could never use it: standing approvals
   * satisfy requests that need one approval, so with {@code extensions.approvals_required} above 1
   * the setting would be silently inert (docs/decisions.md §5).
   */
  public static ValidationResult validateStandingApprovals(PlatformPackConfig config) {
    if (config.policy().humanApproval().allowAutoApproval()
        && config.extensions().approvalsRequired() > 1) {
      return ValidationResult.pass()
          .withError(
              ValidationError.error(
                  "AUTO_APPROVAL_INERT",
                  "policy.human_approval.allow_auto_approval is true but extensions.approvals_required"
                      + " is "
                      + config.extensions().approvalsRequired()
                      + ": a standing approval is one person's approval and is never used where more"
                      + " are required; set allow_auto_approval: false or approvals_required: 1",
                  "policy.human_approval.allow_auto_approval"));
    }
    return ValidationResult.pass();
  }

  /**
   * Checks that every rule naming an operation (always_required, threshold_required,
   * blocked_operations) names one of the pack's vocabulary ({@link OperationVocabulary}), and that
   * {@code extensions.operations} declares usable names: a misspelled rule would otherwise never
   * match, and the real operation would pass it.
   */
  public static ValidationResult validateOperations(PlatformPackConfig config) {
    ValidationResult result = ValidationResult.pass();
    List<String> declared = config.extensions().operations();
    for (int i = 0; i < declared.size(); i++) {
      String name = declared.get(i);
      if (!OperationVocabulary.isDeclarable(name)) {
        result =
            result.withError(
                ValidationError.error(
                    "INVALID_OPERATION_NAME",
                    "extensions.operations["
                        + i
                        + "] '"
                        + name
                        + "' is not a usable operation name; use lower case letters, digits and _ . : -,"
                        + " starting with a letter, at most 100 characters",
                    "extensions.operations[" + i + "]"));
      }
    }
    OperationVocabulary vocabulary = OperationVocabulary.of(config.extensions());
    PlatformPolicyConfig policy = config.policy();
    List<String> always = policy.humanApproval().alwaysRequired();
    for (int i = 0; i < always.size(); i++) {
      result =
          unknownOperation(
              result,
              vocabulary,
              always.get(i),
              "policy.human_approval.always_required[" + i + "]");
    }
    List<ThresholdApproval> thresholds = policy.humanApproval().thresholdRequired();
    for (int i = 0; i < thresholds.size(); i++) {
      result =
          unknownOperation(
              result,
              vocabulary,
              thresholds.get(i).operation(),
              "policy.human_approval.threshold_required[" + i + "].operation");
    }
    List<String> blocked = policy.safetyHolds().blockedOperations();
    for (int i = 0; i < blocked.size(); i++) {
      result =
          unknownOperation(
              result,
              vocabulary,
              blocked.get(i),
              "policy.safety_holds.blocked_operations[" + i + "]");
    }
    return result;
  }

  private static ValidationResult unknownOperation(
      ValidationResult result, OperationVocabulary vocabulary, String name, String field) {
    if (vocabulary.contains(name)) {
      return result;
    }
    return result.withError(
        ValidationError.error(
            "UNKNOWN_OPERATION",
            field
                + " names '"
                + name
                + "', which is not an operation of this pack"
                + vocabulary.closest(name).map(c -> " (did you mean '" + c + "'?)").orElse("")
                + "; the operations are the standard ones ("
                + String.join(", ", OperationVocabulary.STANDARD)
                + ") and those listed in extensions.operations",
            field));
  }

  /** Checks the pack's name and version. */
  public static ValidationResult validateMetadata(PlatformMetadata metadata) {
    ValidationResult result = ValidationResult.pass();
    String name = metadata.name();
    if (name.isEmpty()) {
      result =
          result.withError(
              ValidationError.critical(
                  "INVALID_NAME", "Platform name cannot be empty", "metadata.name"));
    }
    Optional<String> badChar = firstInvalidNameChar(name);
    if (badChar.isPresent()) {
      result =
          result.withError(
              ValidationError.error(
                  "INVALID_NAME_CHARS",
                  "Platform name '"
                      + name
                      + "' must contain only alphanumeric characters, underscores or hyphens"
                      + " (found "
                      + badChar.get()
                      + "); set metadata.name to e.g. '"
                      + suggestedName(name)
                      + "'",
                  "metadata.name"));
    }
    String version = metadata.version();
    if (version.isEmpty()) {
      result =
          result.withError(
              ValidationError.error(
                  "INVALID_VERSION",
                  "Platform version cannot be empty; set metadata.version to a semantic version such as 0.1.0",
                  "metadata.version"));
    } else if (SemVer.parse(version).isEmpty()) {
      result =
          result.withWarning(
              ValidationWarning.of(
                  "NON_SEMVER_VERSION",
                  "Platform version '"
                      + version
                      + "' is not valid semver; consider a semantic version such as"
                      + " 1.0.0 in metadata.version for better compatibility",
                  "metadata.version"));
    }
    return result;
  }

  /** Checks operation limits and points out conflicting approval settings. */
  public static ValidationResult validatePolicy(PlatformPolicyConfig policy) {
    ValidationResult result = ValidationResult.pass();
    // Only zero needs checking: the contract records already reject negative counts when they are
    // built.
    if (policy.limits().maxConcurrentDeployments() == 0) {
      result =
          result.withError(
              ValidationError.error(
                  "INVALID_LIMIT",
                  "policy.limits.max_concurrent_deployments must be greater than 0, got "
                      + policy.limits().maxConcurrentDeployments(),
                  "policy.limits.max_concurrent_deployments"));
    }
    if (policy.limits().rateLimitPerMinute() == 0) {
      result =
          result.withWarning(
              ValidationWarning.of(
                  "ZERO_RATE_LIMIT",
                  "policy.limits.rate_limit_per_minute is 0, which will block all operations",
                  "policy.limits.rate_limit_per_minute"));
    }
    if (policy.humanApproval().allowAutoApproval()
        && !policy.humanApproval().alwaysRequired().isEmpty()) {
      result =
          result.withSuggestion(
              "policy.human_approval.allow_auto_approval is enabled but some operations"
                  + " always require approval (policy.human_approval.always_required); consider disabling"
                  + " auto_approval for stricter control");
    }
    return result;
  }

  /** Checks the health-check interval, the liveness probe timing and the attention threshold. */
  public static ValidationResult validateHealth(PlatformHealthConfig health) {
    ValidationResult result = ValidationResult.pass();
    if (health.checkIntervalSecs() == 0) {
      result =
          result.withError(
              ValidationError.error(
                  "INVALID_INTERVAL",
                  "health.check_interval_secs must be greater than 0, got "
                      + health.checkIntervalSecs(),
                  "health.check_interval_secs"));
    }
    ProbeSettings liveness = health.probes().liveness();
    if (liveness.timeoutSecs() >= liveness.periodSecs()) {
      result =
          result.withWarning(
              ValidationWarning.of(
                  "TIMEOUT_EXCEEDS_PERIOD",
                  "Liveness probe timeout should be less than its period to avoid overlap:"
                      + " health.probes.liveness.timeout_secs is "
                      + liveness.timeoutSecs()
                      + " but health.probes.liveness.period_secs is "
                      + liveness.periodSecs(),
                  "health.probes.liveness"));
    }
    double threshold = health.resonance().attentionExhaustionThreshold();
    // Written as "not inside" so that NaN (possible from a YAML .nan) is rejected too.
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      result =
          result.withError(
              ValidationError.error(
                  "INVALID_THRESHOLD",
                  "health.resonance.attention_exhaustion_threshold must be between 0 and 1, got "
                      + threshold,
                  "health.resonance.attention_exhaustion_threshold"));
    }
    return result;
  }

  /** Checks the checkpoint interval and the encryption settings. */
  public static ValidationResult validateState(PlatformStateConfig state) {
    ValidationResult result = ValidationResult.pass();
    if (state.checkpoint().autoCheckpoint() && state.checkpoint().intervalSecs() == 0) {
      result =
          result.withError(
              ValidationError.error(
                  "INVALID_CHECKPOINT_INTERVAL",
                  "state.checkpoint.interval_secs must be greater than 0 when state.checkpoint.auto_checkpoint"
                      + " is enabled, got "
                      + state.checkpoint().intervalSecs(),
                  "state.checkpoint.interval_secs"));
    }
    if (state.serialization().encryptAtRest()
        && state.serialization().encryptionKeyId().isEmpty()) {
      result =
          result.withWarning(
              ValidationWarning.of(
                  "MISSING_ENCRYPTION_KEY",
                  "encrypt_at_rest is enabled but encryption_key_id is not set; key must be provided at runtime",
                  "state.serialization.encryption_key_id"));
    }
    return result;
  }

  /**
   * Checks that default allocations fit the limits and that the scaling range and thresholds make
   * sense.
   */
  public static ValidationResult validateResources(PlatformResourceConfig resources) {
    ValidationResult result = ValidationResult.pass();
    if (resources.defaults().cpuMillicores() > resources.limits().maxCpuMillicores()) {
      result =
          result.withError(
              ValidationError.error(
                  "DEFAULT_EXCEEDS_LIMIT",
                  "Default CPU allocation exceeds maximum limit: resources.defaults.cpu_millicores is "
                      + resources.defaults().cpuMillicores()
                      + " but resources.limits.max_cpu_millicores is "
                      + resources.limits().maxCpuMillicores(),
                  "resources.defaults.cpu_millicores"));
    }
    if (resources.defaults().memoryMb() > resources.limits().maxMemoryMb()) {
      result =
          result.withError(
              ValidationError.error(
                  "DEFAULT_EXCEEDS_LIMIT",
                  "Default memory allocation exceeds maximum limit: resources.defaults.memory_mb is "
                      + resources.defaults().memoryMb()
                      + " but resources.limits.max_memory_mb is "
                      + resources.limits().maxMemoryMb(),
                  "resources.defaults.memory_mb"));
    }
    if (resources.scaling().minInstances() > resources.scaling().maxInstances()) {
      result =
          result.withError(
              ValidationError.error(
                  "INVALID_SCALING_RANGE",
                  "Minimum instances cannot exceed maximum instances: resources.scaling.min_instances is "
                      + resources.scaling().minInstances()
                      + " but resources.scaling.max_instances is "
                      + resources.scaling().maxInstances(),
                  "resources.scaling.min_instances"));
    }
    if (resources.scaling().scaleUpThreshold() <= resources.scaling().scaleDownThreshold()) {
      result =
          result.withWarning(
              ValidationWarning.of(
                  "OVERLAPPING_THRESHOLDS",
                  "Scale-up threshold should be greater than scale-down threshold to avoid scaling oscillation:"
                      + " resources.scaling.scale_up_threshold is "
                      + resources.scaling().scaleUpThreshold()
                      + " and resources.scaling.scale_down_threshold is "
                      + resources.scaling().scaleDownThreshold(),
                  "resources.scaling.scale_up_threshold"));
    }
    return result;
  }

  /** Checks the auto-recovery attempts and the circuit-breaker thresholds. */
  public static ValidationResult validateRecovery(PlatformRecoveryConfig recovery) {
    ValidationResult result = ValidationResult.pass();
    if (recovery.autoRecovery().enabled() && recovery.autoRecovery().maxAttempts() == 0) {
      result =
          result.withError(
              ValidationError.error(
                  "INVALID_RECOVERY_ATTEMPTS",
                  "recovery.auto_recovery.max_attempts must be greater than 0 when auto_recovery is enabled, got "
                      + recovery.autoRecovery().maxAttempts()
                      + " (or disable recovery.auto_recovery.enabled)",
                  "recovery.auto_recovery.max_attempts"));
    }
    CircuitBreakerConfig breaker = recovery.circuitBreaker();
    if (breaker.enabled()) {
      if (breaker.failureThreshold() == 0) {
        result =
            result.withError(
                ValidationError.error(
                    "INVALID_CIRCUIT_BREAKER",
                    "Circuit breaker failure_threshold must be greater than 0 when the circuit breaker is"
                        + " enabled: recovery.circuit_breaker.failure_threshold is "
                        + breaker.failureThreshold(),
                    "recovery.circuit_breaker.failure_threshold"));
      }
      if (breaker.successThreshold() == 0) {
        result =
            result.withError(
                ValidationError.error(
                    "INVALID_CIRCUIT_BREAKER",
                    "Circuit breaker success_threshold must be greater than 0 when the circuit breaker is"
                        + " enabled: recovery.circuit_breaker.success_threshold is "
                        + breaker.successThreshold(),
                    "recovery.circuit_breaker.success_threshold"));
      }
    }
    return result;
  }

  /** Checks that the configuration only uses features the pack's capabilities declare. */
  public static ValidationResult validateCapabilitiesConsistency(PlatformPackConfig config) {
    ValidationResult result = ValidationResult.pass();
    PlatformCapabilities caps = config.capabilities();
    if (config.state().migration().enableLiveMigration() && !caps.supportsMigration()) {
      result =
          result.withError(
              ValidationError.error(
                  "CAPABILITY_MISMATCH",
                  "Live migration is enabled in state config (state.migration.enable_live_migration) but"
                      + " capabilities.supports_migration is false; set one of them to match the other",
                  "capabilities.supports_migration"));
    }
    if (!config.policy().humanApproval().alwaysRequired().isEmpty()
        && !caps.supportsHumanApproval()) {
      result =
          result.withError(
              ValidationError.error(
                  "CAPABILITY_MISMATCH",
                  "Human approval is required for some operations (policy.human_approval.always_required) but"
                      + " capabilities.supports_human_approval is false; set one of them to match the other",
                  "capabilities.supports_human_approval"));
    }
    if (config.state().checkpoint().autoCheckpoint() && !caps.supportsCheckpoints()) {
      result =
          result.withError(
              ValidationError.error(
                  "CAPABILITY_MISMATCH",
                  "Auto checkpoint is enabled (state.checkpoint.auto_checkpoint) but"
                      + " capabilities.supports_checkpoints is false; set one of them to match the other",
                  "capabilities.supports_checkpoints"));
    }
    return result;
  }

  /**
   * Checks that a pack can run on a runtime offering {@code runtimeCapabilities}.
   *
   * <p>Each of {@code metadata.compatibility.required_features} must be supported: {@code
   * live_migration}, {@code hot_reload}, {@code human_approval}, {@code checkpoints} and {@code
   * canary_deployments} map to the runtime's capability flags; any other feature must be a key of
   * the runtime's {@code custom} map (a key whose value is {@code false} counts as unsupported). A
   * missing feature is a critical {@code UNSUPPORTED_FEATURE} error. Limits of the pack (its
   * policy's {@code max_concurrent_deployments} and its capability maxima) that exceed the
   * runtime's maxima are {@code EXCEEDS_RUNTIME_LIMIT} warnings: the runtime's limit will win.
   */
  public static ValidationResult validateRuntimeCompatibility(
      PlatformPackConfig config, PlatformCapabilities runtimeCapabilities) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(runtimeCapabilities, "runtimeCapabilities");
    ValidationResult result = ValidationResult.pass();
    for (String feature : config.metadata().compatibility().requiredFeatures()) {
      if (!supports(runtimeCapabilities, feature)) {
        result =
            result.withError(
                ValidationError.critical(
                    "UNSUPPORTED_FEATURE",
                    "Required feature '"
                        + feature
                        + "' is not supported by the runtime; run the pack on a"
                        + " runtime that offers it or remove it from"
                        + " metadata.compatibility.required_features",
                    "metadata.compatibility.required_features"));
      }
    }
    Optional<Integer> runtimeMaxDeployments = runtimeCapabilities.maxDeployments();
    if (runtimeMaxDeployments.isPresent()
        && config.policy().limits().maxConcurrentDeployments() > runtimeMaxDeployments.get()) {
      result =
          result.withWarning(
              ValidationWarning.of(
                  "EXCEEDS_RUNTIME_LIMIT",
                  "Configured max_concurrent_deployments ("
                      + config.policy().limits().maxConcurrentDeployments()
                      + ") exceeds runtime limit ("
                      + runtimeMaxDeployments.get()
                      + ")",
                  "policy.limits.max_concurrent_deployments"));
    }
    PlatformCapabilities packCaps = config.capabilities();
    result =
        exceedsRuntimeLimit(
            result,
            "capabilities.max_deployments",
            packCaps.maxDeployments(),
            runtimeCapabilities.maxDeployments());
    result =
        exceedsRuntimeLimit(
            result,
            "capabilities.max_instances_per_deployment",
            packCaps.maxInstancesPerDeployment(),
            runtimeCapabilities.maxInstancesPerDeployment());
    result =
        exceedsRuntimeLimit(
            result,
            "capabilities.max_total_instances",
            packCaps.maxTotalInstances(),
            runtimeCapabilities.maxTotalInstances());
    return result;
  }

  private static ValidationResult exceedsRuntimeLimit(
      ValidationResult result,
      String field,
      Optional<Integer> packMax,
      Optional<Integer> runtimeMax) {
    if (packMax.isPresent() && runtimeMax.isPresent() && packMax.get() > runtimeMax.get()) {
      return result.withWarning(
          ValidationWarning.of(
              "EXCEEDS_RUNTIME_LIMIT",
              "Pack declares "
                  + field
                  + " "
                  + packMax.get()
                  + ", which exceeds the runtime limit ("
                  + runtimeMax.get()
                  + "); the runtime's limit applies",
              field));
    }
    return result;
  }

  private static boolean supports(PlatformCapabilities runtime, String feature) {
    switch (feature) {
      case "live_migration":
        return runtime.supportsMigration();
      case "hot_reload":
        return runtime.supportsHotReload();
      case "human_approval":
        return runtime.supportsHumanApproval();
      case "checkpoints":
        return runtime.supportsCheckpoints();
      case "canary_deployments":
        return runtime.supportsCanary();
      default:
        Map<String, Object> custom = runtime.custom();
        return custom.containsKey(feature) && !Boolean.FALSE.equals(custom.get(feature));
    }
  }

  private static Optional<String> firstInvalidNameChar(String name) {
    return name.codePoints()
        .filter(cp -> !isNameChar(cp))
        .mapToObj(cp -> "'" + new String(Character.toChars(cp)) + "'")
        .findFirst();
  }

  // Mirrors Rust's char::is_alphanumeric (Unicode Alphabetic or Numeric) plus '_' and '-'.
  private static boolean isNameChar(int cp) {
    if (cp == '_' || cp == '-' || Character.isAlphabetic(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  private static String suggestedName(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(cp -> out.appendCodePoint(isNameChar(cp) ? cp : '-'));
    return out.toString();
  }
}
