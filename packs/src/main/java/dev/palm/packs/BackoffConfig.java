package dev.palm.packs;

/**
 * Exponential backoff between recovery attempts.
 *
 * <p>Defaults follow docs/pack-contract.md §2.8; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param initialDelayMs the first delay in milliseconds (file: {@code initial_delay_ms}; default
 *     {@code 1000L})
 * @param maxDelayMs the largest delay in milliseconds (file: {@code max_delay_ms}; default {@code
 *     30000L})
 * @param multiplier the factor each delay grows by (file: {@code multiplier}; default {@code 2.0})
 * @param jitter whether delays are randomised (file: {@code jitter}; default {@code true})
 */
public record BackoffConfig(
    long initialDelayMs, long maxDelayMs, double multiplier, boolean jitter) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public BackoffConfig {
    Values.unsigned(initialDelayMs, "BackoffConfig.initial_delay_ms");
    Values.unsigned(maxDelayMs, "BackoffConfig.max_delay_ms");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.8). */
  public static BackoffConfig defaults() {
    return new BackoffConfig(1000L, 30000L, 2.0, true);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link BackoffConfig}; every field starts from the value it was created from. */
  public static final class Builder {
    private long initialDelayMs;
    private long maxDelayMs;
    private double multiplier;
    private boolean jitter;

    private Builder(BackoffConfig from) {
      this.initialDelayMs = from.initialDelayMs();
      this.maxDelayMs = from.maxDelayMs();
      this.multiplier = from.multiplier();
      this.jitter = from.jitter();
    }

    /** Sets {@code initial_delay_ms}: the first delay in milliseconds. */
    public Builder initialDelayMs(long initialDelayMs) {
      this.initialDelayMs = initialDelayMs;
      return this;
    }

    /** Sets {@code max_delay_ms}: the largest delay in milliseconds. */
    public Builder maxDelayMs(long maxDelayMs) {
      this.maxDelayMs = maxDelayMs;
      return this;
    }

    /** Sets {@code multiplier}: the factor each delay grows by. */
    public Builder multiplier(double multiplier) {
      this.multiplier = multiplier;
      return this;
    }

    /** Sets {@code jitter}: whether delays are randomised. */
    public Builder jitter(boolean jitter) {
      this.jitter = jitter;
      return this;
    }

    /** Creates the record. */
    public BackoffConfig build() {
      return new BackoffConfig(initialDelayMs, maxDelayMs, multiplier, jitter);
    }
  }
}
