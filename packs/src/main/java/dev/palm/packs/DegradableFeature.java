package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link DegradableFeature}; every field starts from the value it was created from. */
  public static final class Builder {
    private String name;
    private int priority;
    private double resourceSavings;

    private Builder(DegradableFeature from) {
      this.name = from.name();
      this.priority = from.priority();
      this.resourceSavings = from.resourceSavings();
    }

    /** Sets {@code name}: the feature's name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code priority}: disable order; lower is disabled first. */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** Sets {@code resource_savings}: fraction of resources freed. */
    public Builder resourceSavings(double resourceSavings) {
      this.resourceSavings = resourceSavings;
      return this;
    }

    /** Creates the record. */
    public DegradableFeature build() {
      return new DegradableFeature(name, priority, resourceSavings);
    }
  }
}
