package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

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
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
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
  public static BackoffConfigBuilder builder() {
    return BackoffConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public BackoffConfigBuilder toBuilder() {
    return BackoffConfigBuilder.builder(this);
  }
}
