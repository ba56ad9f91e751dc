package dev.palm.packs.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * One health probe of an agent spec (not the pack's {@link dev.palm.packs.ProbeSettings}).
 *
 * @param probeType what the probe checks
 * @param initialDelay the delay before the first probe
 * @param period the time between probes
 * @param timeout the probe timeout
 * @param successThreshold consecutive successes for healthy
 * @param failureThreshold consecutive failures for unhealthy
 */
public record AgentProbe(
    ProbeType probeType,
    Duration initialDelay,
    Duration period,
    Duration timeout,
    int successThreshold,
    int failureThreshold) {

  /** Checks that every part is present. */
  public AgentProbe {
    Objects.requireNonNull(probeType, "probe_type");
    Objects.requireNonNull(initialDelay, "initial_delay");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * The default readiness probe: presence gradient 0.5, 5 s delay, 10 s period, 5 s timeout, 1/3.
   */
  public static AgentProbe defaultReadiness() {
    return new AgentProbe(
        new ProbeType.PresenceGradient(0.5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        1,
        3);
  }

  /**
   * The default liveness probe: presence gradient 0.3, 10 s delay, 30 s period, 10 s timeout, 1/3.
   */
  public static AgentProbe defaultLiveness() {
    return new AgentProbe(
        new ProbeType.PresenceGradient(0.3),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        1,
        3);
  }
}
