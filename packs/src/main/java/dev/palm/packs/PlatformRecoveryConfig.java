package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * How a pack recovers from failures: automatic recovery, escalation, circuit breaking, degradation.
 *
 * <p>Defaults follow docs/pack-contract.md §2.8; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param autoRecovery automatic recovery (file: {@code auto_recovery}; default {@code
 *     AutoRecoveryConfig.defaults()})
 * @param escalation escalation to humans (file: {@code escalation}; default {@code
 *     EscalationConfig.defaults()})
 * @param circuitBreaker the circuit breaker (file: {@code circuit_breaker}; default {@code
 *     CircuitBreakerConfig.defaults()})
 * @param degradation graceful degradation (file: {@code degradation}; default {@code
 *     DegradationConfig.defaults()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record PlatformRecoveryConfig(
    AutoRecoveryConfig autoRecovery,
    EscalationConfig escalation,
    CircuitBreakerConfig circuitBreaker,
    DegradationConfig degradation) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public PlatformRecoveryConfig {
    autoRecovery = autoRecovery == null ? AutoRecoveryConfig.defaults() : autoRecovery;
    escalation = escalation == null ? EscalationConfig.defaults() : escalation;
    circuitBreaker = circuitBreaker == null ? CircuitBreakerConfig.defaults() : circuitBreaker;
    degradation = degradation == null ? DegradationConfig.defaults() : degradation;
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.8). */
  public static PlatformRecoveryConfig defaults() {
    return new PlatformRecoveryConfig(
        AutoRecoveryConfig.defaults(),
        EscalationConfig.defaults(),
        CircuitBreakerConfig.defaults(),
        DegradationConfig.defaults());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static PlatformRecoveryConfigBuilder builder() {
    return PlatformRecoveryConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public PlatformRecoveryConfigBuilder toBuilder() {
    return PlatformRecoveryConfigBuilder.builder(this);
  }
}
