package dev.palm.packs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which PALM and Resonance versions and runtime features a pack is compatible with.
 *
 * <p>Defaults follow docs/pack-contract.md §2.3; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param minPalmVersion the lowest PALM version the pack runs on (inclusive) (file: {@code
 *     min_palm_version}; default {@code "0.1.0"})
 * @param maxPalmVersion the highest PALM version the pack runs on (inclusive); absent = no upper
 *     bound (file: {@code max_palm_version}; default {@code Optional.empty()})
 * @param minResonanceVersion the lowest Resonance version the pack needs (file: {@code
 *     min_resonance_version}; default {@code "0.1.0"})
 * @param requiredFeatures runtime features the pack cannot run without (file: {@code
 *     required_features}; default {@code List.of()})
 * @param optionalFeatures runtime features the pack uses when present (file: {@code
 *     optional_features}; default {@code List.of()})
 * @param breakingChanges breaking changes between versions of the pack (file: {@code
 *     breaking_changes}; default {@code List.of()})
 */
public record CompatibilityInfo(
    String minPalmVersion,
    Optional<String> maxPalmVersion,
    String minResonanceVersion,
    List<String> requiredFeatures,
    List<String> optionalFeatures,
    List<BreakingChange> breakingChanges) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public CompatibilityInfo {
    Objects.requireNonNull(
        minPalmVersion, "CompatibilityInfo.min_palm_version" + " must not be null");
    maxPalmVersion = maxPalmVersion == null ? Optional.empty() : maxPalmVersion;
    Objects.requireNonNull(
        minResonanceVersion, "CompatibilityInfo.min_resonance_version" + " must not be null");
    requiredFeatures = Values.list(requiredFeatures, "CompatibilityInfo.required_features");
    optionalFeatures = Values.list(optionalFeatures, "CompatibilityInfo.optional_features");
    breakingChanges = Values.list(breakingChanges, "CompatibilityInfo.breaking_changes");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.3). */
  public static CompatibilityInfo defaults() {
    return new CompatibilityInfo(
        "0.1.0", Optional.empty(), "0.1.0", List.of(), List.of(), List.of());
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
   * Tells whether PALM version {@code palmVersion} lies within {@code [minPalmVersion,
   * maxPalmVersion]} by semver precedence: an unparsable {@code palmVersion} or minimum gives
   * {@code false}; an unparsable maximum is ignored (as in the original), which allows the version.
   */
  public boolean isCompatibleWithPalm(String palmVersion) {
    var version = SemVer.parse(palmVersion);
    var min = SemVer.parse(minPalmVersion);
    if (version.isEmpty() || min.isEmpty()) {
      return false;
    }
    if (version.get().compareTo(min.get()) < 0) {
      return false;
    }
    var max = maxPalmVersion.flatMap(SemVer::parse);
    return max.isEmpty() || version.get().compareTo(max.get()) <= 0;
  }

  /** Builds a {@link CompatibilityInfo}; every field starts from the value it was created from. */
  public static final class Builder {
    private String minPalmVersion;
    private Optional<String> maxPalmVersion;
    private String minResonanceVersion;
    private List<String> requiredFeatures;
    private List<String> optionalFeatures;
    private List<BreakingChange> breakingChanges;

    private Builder(CompatibilityInfo from) {
      this.minPalmVersion = from.minPalmVersion();
      this.maxPalmVersion = from.maxPalmVersion();
      this.minResonanceVersion = from.minResonanceVersion();
      this.requiredFeatures = from.requiredFeatures();
      this.optionalFeatures = from.optionalFeatures();
      this.breakingChanges = from.breakingChanges();
    }

    /** Sets {@code min_palm_version}: the lowest PALM version the pack runs on (inclusive). */
    public Builder minPalmVersion(String minPalmVersion) {
      this.minPalmVersion = minPalmVersion;
      return this;
    }

    /**
     * Sets {@code max_palm_version}: the highest PALM version the pack runs on (inclusive); absent
     * = no upper bound.
     */
    public Builder maxPalmVersion(Optional<String> maxPalmVersion) {
      this.maxPalmVersion = maxPalmVersion;
      return this;
    }

    /** Sets {@code max_palm_version}; {@code null} means absent. */
    public Builder maxPalmVersion(String maxPalmVersion) {
      this.maxPalmVersion = Optional.ofNullable(maxPalmVersion);
      return this;
    }

    /** Sets {@code min_resonance_version}: the lowest Resonance version the pack needs. */
    public Builder minResonanceVersion(String minResonanceVersion) {
      this.minResonanceVersion = minResonanceVersion;
      return this;
    }

    /** Sets {@code required_features}: runtime features the pack cannot run without. */
    public Builder requiredFeatures(List<String> requiredFeatures) {
      this.requiredFeatures = requiredFeatures;
      return this;
    }

    /** Sets {@code optional_features}: runtime features the pack uses when present. */
    public Builder optionalFeatures(List<String> optionalFeatures) {
      this.optionalFeatures = optionalFeatures;
      return this;
    }

    /** Sets {@code breaking_changes}: breaking changes between versions of the pack. */
    public Builder breakingChanges(List<BreakingChange> breakingChanges) {
      this.breakingChanges = breakingChanges;
      return this;
    }

    /** Creates the record. */
    public CompatibilityInfo build() {
      return new CompatibilityInfo(
          minPalmVersion,
          maxPalmVersion,
          minResonanceVersion,
          requiredFeatures,
          optionalFeatures,
          breakingChanges);
    }
  }
}
