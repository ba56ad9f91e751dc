package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link PlatformRecoveryConfig}; every field starts from the value it was created from.
   */
  public static final class Builder {
    private AutoRecoveryConfig autoRecovery;
    private EscalationConfig escalation;
    private CircuitBreakerConfig circuitBreaker;
    private DegradationConfig degradation;

    private Builder(PlatformRecoveryConfig from) {
      this.autoRecovery = from.autoRecovery();
      this.escalation = from.escalation();
      this.circuitBreaker = from.circuitBreaker();
      this.degradation = from.degradation();
    }

    /** Sets {@code auto_recovery}: automatic recovery. */
    public Builder autoRecovery(AutoRecoveryConfig autoRecovery) {
      this.autoRecovery = autoRecovery;
      return this;
    }

    /** Sets {@code escalation}: escalation to humans. */
    public Builder escalation(EscalationConfig escalation) {
      this.escalation = escalation;
      return this;
    }

    /** Sets {@code circuit_breaker}: the circuit breaker. */
    public Builder circuitBreaker(CircuitBreakerConfig circuitBreaker) {
      this.circuitBreaker = circuitBreaker;
      return this;
    }

    /** Sets {@code degradation}: graceful degradation. */
    public Builder degradation(DegradationConfig degradation) {
      this.degradation = degradation;
      return this;
    }

    /** Creates the record. */
    public PlatformRecoveryConfig build() {
      return new PlatformRecoveryConfig(autoRecovery, escalation, circuitBreaker, degradation);
    }
  }
}
