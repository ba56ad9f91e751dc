package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link PlatformHealthConfig}; every field starts from the value it was created from.
   */
  public static final class Builder {
    private long checkIntervalSecs;
    private int failureThreshold;
    private int successThreshold;
    private ProbeConfigs probes;
    private ResonanceHealthConfig resonance;

    private Builder(PlatformHealthConfig from) {
      this.checkIntervalSecs = from.checkIntervalSecs();
      this.failureThreshold = from.failureThreshold();
      this.successThreshold = from.successThreshold();
      this.probes = from.probes();
      this.resonance = from.resonance();
    }

    /** Sets {@code check_interval_secs}: seconds between health checks. */
    public Builder checkIntervalSecs(long checkIntervalSecs) {
      this.checkIntervalSecs = checkIntervalSecs;
      return this;
    }

    /** Sets {@code failure_threshold}: consecutive failures before unhealthy. */
    public Builder failureThreshold(int failureThreshold) {
      this.failureThreshold = failureThreshold;
      return this;
    }

    /** Sets {@code success_threshold}: consecutive successes before healthy. */
    public Builder successThreshold(int successThreshold) {
      this.successThreshold = successThreshold;
      return this;
    }

    /** Sets {@code probes}: the liveness, readiness, startup and custom probes. */
    public Builder probes(ProbeConfigs probes) {
      this.probes = probes;
      return this;
    }

    /** Sets {@code resonance}: Resonance-specific health checks. */
    public Builder resonance(ResonanceHealthConfig resonance) {
      this.resonance = resonance;
      return this;
    }

    /** Creates the record. */
    public PlatformHealthConfig build() {
      return new PlatformHealthConfig(
          checkIntervalSecs, failureThreshold, successThreshold, probes, resonance);
    }
  }
}
