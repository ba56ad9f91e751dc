package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Objects;

/**
 * A degradation level: above a load threshold some features are disabled and capacity reduced.
 *
 * <p>Defaults follow docs/pack-contract.md §2.8 (the original has no defaults for this struct;
 * these keep full capacity); in a pack file the fields are spelled in snake_case.
 *
 * @param name the level's name (file: {@code name}; default {@code ""})
 * @param threshold the load (0..1) at which the level applies (file: {@code threshold}; default
 *     {@code 0.0})
 * @param disableFeatures features disabled at this level (file: {@code disable_features}; default
 *     {@code List.of()})
 * @param capacityPercentage capacity kept, in percent (file: {@code capacity_percentage}; default
 *     {@code 100})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record DegradationLevel(
    String name, double threshold, List<String> disableFeatures, int capacityPercentage) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public DegradationLevel {
    Objects.requireNonNull(name, "DegradationLevel.name" + " must not be null");
    disableFeatures = Values.list(disableFeatures, "DegradationLevel.disable_features");
    Values.unsigned(capacityPercentage, "DegradationLevel.capacity_percentage");
  }

  /**
   * Returns the documented defaults (docs/pack-contract.md §2.8 (the original has no defaults for
   * this struct; these keep full capacity)).
   */
  public static DegradationLevel defaults() {
    return new DegradationLevel("", 0.0, List.of(), 100);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static DegradationLevelBuilder builder() {
    return DegradationLevelBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public DegradationLevelBuilder toBuilder() {
    return DegradationLevelBuilder.builder(this);
  }
}
