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
    AgentProbe readiness, AgentProbe liveness, Optional<AgentProbe> startup) {

  /** Normalises absent parts to the defaults. */
  public HealthConfig {
    readiness = readiness == null ? AgentProbe.defaultReadiness() : readiness;
    liveness = liveness == null ? AgentProbe.defaultLiveness() : liveness;
    startup = startup == null ? Optional.empty() : startup;
  }

  /**
   * Returns the default probes (see {@link AgentProbe#defaultReadiness()} and {@link
   * AgentProbe#defaultLiveness()}), no startup probe.
   */
  public static HealthConfig defaults() {
    return new HealthConfig(
        AgentProbe.defaultReadiness(), AgentProbe.defaultLiveness(), Optional.empty());
  }
}
