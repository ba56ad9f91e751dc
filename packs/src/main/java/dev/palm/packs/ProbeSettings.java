package dev.palm.packs;

/**
 * Timing and thresholds of one health probe (the tutorial calls it {@code ProbeConfig}, see {@link
 * ProbeConfig}).
 *
 * <p>Defaults follow docs/pack-contract.md §2.5; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param enabled whether the probe runs (file: {@code enabled}; default {@code true})
 * @param timeoutSecs seconds before one probe attempt times out (file: {@code timeout_secs};
 *     default {@code 5L})
 * @param periodSecs seconds between probe attempts (file: {@code period_secs}; default {@code 10L})
 * @param failureThreshold consecutive failures before the probe fails (file: {@code
 *     failure_threshold}; default {@code 3})
 * @param successThreshold consecutive successes before the probe passes (file: {@code
 *     success_threshold}; default {@code 1})
 */
public record ProbeSettings(
    boolean enabled,
    long timeoutSecs,
    long periodSecs,
    int failureThreshold,
    int successThreshold) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public ProbeSettings {
    Values.unsigned(timeoutSecs, "ProbeSettings.timeout_secs");
    Values.unsigned(periodSecs, "ProbeSettings.period_secs");
    Values.unsigned(failureThreshold, "ProbeSettings.failure_threshold");
    Values.unsigned(successThreshold, "ProbeSettings.success_threshold");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.5). */
  public static ProbeSettings defaults() {
    return new ProbeSettings(true, 5L, 10L, 3, 1);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link ProbeSettings}; every field starts from the value it was created from. */
  public static final class Builder {
    private boolean enabled;
    private long timeoutSecs;
    private long periodSecs;
    private int failureThreshold;
    private int successThreshold;

    private Builder(ProbeSettings from) {
      this.enabled = from.enabled();
      this.timeoutSecs = from.timeoutSecs();
      this.periodSecs = from.periodSecs();
      this.failureThreshold = from.failureThreshold();
      this.successThreshold = from.successThreshold();
    }

    /** Sets {@code enabled}: whether the probe runs. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Sets {@code timeout_secs}: seconds before one probe attempt times out. */
    public Builder timeoutSecs(long timeoutSecs) {
      this.timeoutSecs = timeoutSecs;
      return this;
    }

    /** Sets {@code period_secs}: seconds between probe attempts. */
    public Builder periodSecs(long periodSecs) {
      this.periodSecs = periodSecs;
      return this;
    }

    /** Sets {@code failure_threshold}: consecutive failures before the probe fails. */
    public Builder failureThreshold(int failureThreshold) {
      this.failureThreshold = failureThreshold;
      return this;
    }

    /** Sets {@code success_threshold}: consecutive successes before the probe passes. */
    public Builder successThreshold(int successThreshold) {
      this.successThreshold = successThreshold;
      return this;
    }

    /** Creates the record. */
    public ProbeSettings build() {
      return new ProbeSettings(
          enabled, timeoutSecs, periodSecs, failureThreshold, successThreshold);
    }
  }
}
