package dev.palm.packs;

/**
 * The circuit breaker that stops retrying a failing dependency for a while.
 *
 * <p>Defaults follow docs/pack-contract.md §2.8; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param enabled whether the breaker is active (file: {@code enabled}; default {@code true})
 * @param failureThreshold failures in the window that open the breaker (file: {@code
 *     failure_threshold}; default {@code 5})
 * @param successThreshold successes that close it again (file: {@code success_threshold}; default
 *     {@code 2})
 * @param windowSecs the counting window in seconds (file: {@code window_secs}; default {@code 60L})
 * @param halfOpenTimeoutSecs seconds before an open breaker half-opens (file: {@code
 *     half_open_timeout_secs}; default {@code 30L})
 * @param halfOpenMaxRequests requests let through while half-open (file: {@code
 *     half_open_max_requests}; default {@code 3})
 */
public record CircuitBreakerConfig(
    boolean enabled,
    int failureThreshold,
    int successThreshold,
    long windowSecs,
    long halfOpenTimeoutSecs,
    int halfOpenMaxRequests) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public CircuitBreakerConfig {
    Values.unsigned(failureThreshold, "CircuitBreakerConfig.failure_threshold");
    Values.unsigned(successThreshold, "CircuitBreakerConfig.success_threshold");
    Values.unsigned(windowSecs, "CircuitBreakerConfig.window_secs");
    Values.unsigned(halfOpenTimeoutSecs, "CircuitBreakerConfig.half_open_timeout_secs");
    Values.unsigned(halfOpenMaxRequests, "CircuitBreakerConfig.half_open_max_requests");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.8). */
  public static CircuitBreakerConfig defaults() {
    return new CircuitBreakerConfig(true, 5, 2, 60L, 30L, 3);
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
   * Builds a {@link CircuitBreakerConfig}; every field starts from the value it was created from.
   */
  public static final class Builder {
    private boolean enabled;
    private int failureThreshold;
    private int successThreshold;
    private long windowSecs;
    private long halfOpenTimeoutSecs;
    private int halfOpenMaxRequests;

    private Builder(CircuitBreakerConfig from) {
      this.enabled = from.enabled();
      this.failureThreshold = from.failureThreshold();
      this.successThreshold = from.successThreshold();
      this.windowSecs = from.windowSecs();
      this.halfOpenTimeoutSecs = from.halfOpenTimeoutSecs();
      this.halfOpenMaxRequests = from.halfOpenMaxRequests();
    }

    /** Sets {@code enabled}: whether the breaker is active. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Sets {@code failure_threshold}: failures in the window that open the breaker. */
    public Builder failureThreshold(int failureThreshold) {
      this.failureThreshold = failureThreshold;
      return this;
    }

    /** Sets {@code success_threshold}: successes that close it again. */
    public Builder successThreshold(int successThreshold) {
      this.successThreshold = successThreshold;
      return this;
    }

    /** Sets {@code window_secs}: the counting window in seconds. */
    public Builder windowSecs(long windowSecs) {
      this.windowSecs = windowSecs;
      return this;
    }

    /** Sets {@code half_open_timeout_secs}: seconds before an open breaker half-opens. */
    public Builder halfOpenTimeoutSecs(long halfOpenTimeoutSecs) {
      this.halfOpenTimeoutSecs = halfOpenTimeoutSecs;
      return this;
    }

    /** Sets {@code half_open_max_requests}: requests let through while half-open. */
    public Builder halfOpenMaxRequests(int halfOpenMaxRequests) {
      this.halfOpenMaxRequests = halfOpenMaxRequests;
      return this;
    }

    /** Creates the record. */
    public CircuitBreakerConfig build() {
      return new CircuitBreakerConfig(
          enabled,
          failureThreshold,
          successThreshold,
          windowSecs,
          halfOpenTimeoutSecs,
          halfOpenMaxRequests);
    }
  }
}
