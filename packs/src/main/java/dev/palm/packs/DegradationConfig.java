package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
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
  public static DegradationConfigBuilder builder() {
    return DegradationConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public DegradationConfigBuilder toBuilder() {
    return DegradationConfigBuilder.builder(this);
  }
}
