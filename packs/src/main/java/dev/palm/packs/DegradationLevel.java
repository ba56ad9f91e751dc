package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link DegradationLevel}; every field starts from the value it was created from. */
  public static final class Builder {
    private String name;
    private double threshold;
    private List<String> disableFeatures;
    private int capacityPercentage;

    private Builder(DegradationLevel from) {
      this.name = from.name();
      this.threshold = from.threshold();
      this.disableFeatures = from.disableFeatures();
      this.capacityPercentage = from.capacityPercentage();
    }

    /** Sets {@code name}: the level's name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code threshold}: the load (0..1) at which the level applies. */
    public Builder threshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    /** Sets {@code disable_features}: features disabled at this level. */
    public Builder disableFeatures(List<String> disableFeatures) {
      this.disableFeatures = disableFeatures;
      return this;
    }

    /** Sets {@code capacity_percentage}: capacity kept, in percent. */
    public Builder capacityPercentage(int capacityPercentage) {
      this.capacityPercentage = capacityPercentage;
      return this;
    }

    /** Creates the record. */
    public DegradationLevel build() {
      return new DegradationLevel(name, threshold, disableFeatures, capacityPercentage);
    }
  }
}
