package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Resonance-specific health checks and their thresholds.
 *
 * <p>Defaults follow docs/pack-contract.md §2.5; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param checkPresence whether presence is checked (file: {@code check_presence}; default {@code
 *     true})
 * @param checkCoupling whether coupling is checked (file: {@code check_coupling}; default {@code
 *     true})
 * @param checkAttention whether attention is checked (file: {@code check_attention}; default {@code
 *     true})
 * @param checkContinuity whether continuity is checked (file: {@code check_continuity}; default
 *     {@code true})
 * @param attentionExhaustionThreshold attention use (0..1) treated as exhausted (file: {@code
 *     attention_exhaustion_threshold}; default {@code 0.9})
 * @param couplingIntensityWarning coupling intensity that raises a warning (file: {@code
 *     coupling_intensity_warning}; default {@code 0.8})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record ResonanceHealthConfig(
    boolean checkPresence,
    boolean checkCoupling,
    boolean checkAttention,
    boolean checkContinuity,
    double attentionExhaustionThreshold,
    double couplingIntensityWarning) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public ResonanceHealthConfig {}

  /** Returns the documented defaults (docs/pack-contract.md §2.5). */
  public static ResonanceHealthConfig defaults() {
    return new ResonanceHealthConfig(true, true, true, true, 0.9, 0.8);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static ResonanceHealthConfigBuilder builder() {
    return ResonanceHealthConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public ResonanceHealthConfigBuilder toBuilder() {
    return ResonanceHealthConfigBuilder.builder(this);
  }
}
