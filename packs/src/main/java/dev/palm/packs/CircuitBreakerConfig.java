package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

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
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
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
  public static CircuitBreakerConfigBuilder builder() {
    return CircuitBreakerConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public CircuitBreakerConfigBuilder toBuilder() {
    return CircuitBreakerConfigBuilder.builder(this);
  }
}
