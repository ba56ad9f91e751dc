package dev.palm.packs.spec;

import java.util.Optional;

/**
 * The health probes of an agent spec.
 *
 * @param readiness the readiness probe
 * @param liveness the liveness probe
 * @param startup the startup probe; absent = none
 */
public record HealthConfig(
    ProbeConfig readiness, ProbeConfig liveness, Optional<ProbeConfig> startup) {

  /** Normalises absent parts to the defaults. */
  public HealthConfig {
    readiness = readiness == null ? ProbeConfig.defaultReadiness() : readiness;
    liveness = liveness == null ? ProbeConfig.defaultLiveness() : liveness;
    startup = startup == null ? Optional.empty() : startup;
  }

  /**
   * Returns the default probes (see {@link ProbeConfig#defaultReadiness()} and {@link
   * ProbeConfig#defaultLiveness()}), no startup probe.
   */
  public static HealthConfig defaults() {
    return new HealthConfig(
        ProbeConfig.defaultReadiness(), ProbeConfig.defaultLiveness(), Optional.empty());
  }
}
