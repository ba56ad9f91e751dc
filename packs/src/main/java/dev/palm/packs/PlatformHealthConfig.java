package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * How the health of a pack's agents is checked.
 *
 * <p>Defaults follow docs/pack-contract.md §2.5; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param checkIntervalSecs seconds between health checks (file: {@code check_interval_secs};
 *     default {@code 30L})
 * @param failureThreshold consecutive failures before unhealthy (file: {@code failure_threshold};
 *     default {@code 3})
 * @param successThreshold consecutive successes before healthy (file: {@code success_threshold};
 *     default {@code 1})
 * @param probes the liveness, readiness, startup and custom probes (file: {@code probes}; default
 *     {@code ProbeConfigs.defaults()})
 * @param resonance Resonance-specific health checks (file: {@code resonance}; default {@code
 *     ResonanceHealthConfig.defaults()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record PlatformHealthConfig(
    long checkIntervalSecs,
    int failureThreshold,
    int successThreshold,
    ProbeConfigs probes,
    ResonanceHealthConfig resonance) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public PlatformHealthConfig {
    Values.unsigned(checkIntervalSecs, "PlatformHealthConfig.check_interval_secs");
    Values.unsigned(failureThreshold, "PlatformHealthConfig.failure_threshold");
    Values.unsigned(successThreshold, "PlatformHealthConfig.success_threshold");
    probes = probes == null ? ProbeConfigs.defaults() : probes;
    resonance = resonance == null ? ResonanceHealthConfig.defaults() : resonance;
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.5). */
  public static PlatformHealthConfig defaults() {
    return new PlatformHealthConfig(
        30L, 3, 1, ProbeConfigs.defaults(), ResonanceHealthConfig.defaults());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static PlatformHealthConfigBuilder builder() {
    return PlatformHealthConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public PlatformHealthConfigBuilder toBuilder() {
    return PlatformHealthConfigBuilder.builder(this);
  }
}
