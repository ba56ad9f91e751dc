package dev.palm.packs;

import java.util.List;

/**
 * Graceful degradation: levels of load at which features are switched off.
 *
 * <p>Defaults follow docs/pack-contract.md §2.8; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param enabled whether degradation is active (file: {@code enabled}; default {@code false})
 * @param levels degradation levels (file: {@code levels}; default {@code List.of()})
 * @param degradableFeatures features that may be switched off (file: {@code degradable_features};
 *     default {@code List.of()})
 */
public record DegradationConfig(
    boolean enabled, List<DegradationLevel> levels, List<DegradableFeature> degradableFeatures) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public DegradationConfig {
    levels = Values.list(levels, "DegradationConfig.levels");
    degradableFeatures = Values.list(degradableFeatures, "DegradationConfig.degradable_features");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.8). */
  public static DegradationConfig defaults() {
    return new DegradationConfig(false, List.of(), List.of());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link DegradationConfig}; every field starts from the value it was created from. */
  public static final class Builder {
    private boolean enabled;
    private List<DegradationLevel> levels;
    private List<DegradableFeature> degradableFeatures;

    private Builder(DegradationConfig from) {
      this.enabled = from.enabled();
      this.levels = from.levels();
      this.degradableFeatures = from.degradableFeatures();
    }

    /** Sets {@code enabled}: whether degradation is active. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Sets {@code levels}: degradation levels. */
    public Builder levels(List<DegradationLevel> levels) {
      this.levels = levels;
      return this;
    }

    /** Sets {@code degradable_features}: features that may be switched off. */
    public Builder degradableFeatures(List<DegradableFeature> degradableFeatures) {
      this.degradableFeatures = degradableFeatures;
      return this;
    }

    /** Creates the record. */
    public DegradationConfig build() {
      return new DegradationConfig(enabled, levels, degradableFeatures);
    }
  }
}
