package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;

/**
 * A feature that may be disabled under load, with its priority and the resources it frees.
 *
 * <p>Defaults follow docs/pack-contract.md §2.8 (the original has no defaults for this struct;
 * these are empty values); in a pack file the fields are spelled in snake_case.
 *
 * @param name the feature's name (file: {@code name}; default {@code ""})
 * @param priority disable order; lower is disabled first (file: {@code priority}; default {@code
 *     0})
 * @param resourceSavings fraction of resources freed (file: {@code resource_savings}; default
 *     {@code 0.0})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record DegradableFeature(String name, int priority, double resourceSavings) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public DegradableFeature {
    Objects.requireNonNull(name, "DegradableFeature.name" + " must not be null");
    Values.unsigned(priority, "DegradableFeature.priority");
  }

  /**
   * Returns the documented defaults (docs/pack-contract.md §2.8 (the original has no defaults for
   * this struct; these are empty values)).
   */
  public static DegradableFeature defaults() {
    return new DegradableFeature("", 0, 0.0);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static DegradableFeatureBuilder builder() {
    return DegradableFeatureBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public DegradableFeatureBuilder toBuilder() {
    return DegradableFeatureBuilder.builder(this);
  }
}
