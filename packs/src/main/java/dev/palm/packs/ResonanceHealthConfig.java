package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link ResonanceHealthConfig}; every field starts from the value it was created from.
   */
  public static final class Builder {
    private boolean checkPresence;
    private boolean checkCoupling;
    private boolean checkAttention;
    private boolean checkContinuity;
    private double attentionExhaustionThreshold;
    private double couplingIntensityWarning;

    private Builder(ResonanceHealthConfig from) {
      this.checkPresence = from.checkPresence();
      this.checkCoupling = from.checkCoupling();
      this.checkAttention = from.checkAttention();
      this.checkContinuity = from.checkContinuity();
      this.attentionExhaustionThreshold = from.attentionExhaustionThreshold();
      this.couplingIntensityWarning = from.couplingIntensityWarning();
    }

    /** Sets {@code check_presence}: whether presence is checked. */
    public Builder checkPresence(boolean checkPresence) {
      this.checkPresence = checkPresence;
      return this;
    }

    /** Sets {@code check_coupling}: whether coupling is checked. */
    public Builder checkCoupling(boolean checkCoupling) {
      this.checkCoupling = checkCoupling;
      return this;
    }

    /** Sets {@code check_attention}: whether attention is checked. */
    public Builder checkAttention(boolean checkAttention) {
      this.checkAttention = checkAttention;
      return this;
    }

    /** Sets {@code check_continuity}: whether continuity is checked. */
    public Builder checkContinuity(boolean checkContinuity) {
      this.checkContinuity = checkContinuity;
      return this;
    }

    /** Sets {@code attention_exhaustion_threshold}: attention use (0..1) treated as exhausted. */
    public Builder attentionExhaustionThreshold(double attentionExhaustionThreshold) {
      this.attentionExhaustionThreshold = attentionExhaustionThreshold;
      return this;
    }

    /** Sets {@code coupling_intensity_warning}: coupling intensity that raises a warning. */
    public Builder couplingIntensityWarning(double couplingIntensityWarning) {
      this.couplingIntensityWarning = couplingIntensityWarning;
      return this;
    }

    /** Creates the record. */
    public ResonanceHealthConfig build() {
      return new ResonanceHealthConfig(
          checkPresence,
          checkCoupling,
          checkAttention,
          checkContinuity,
          attentionExhaustionThreshold,
          couplingIntensityWarning);
    }
  }
}
