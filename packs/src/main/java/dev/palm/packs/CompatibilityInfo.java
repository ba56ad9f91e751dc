package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
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
  public static CompatibilityInfoBuilder builder() {
    return CompatibilityInfoBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public CompatibilityInfoBuilder toBuilder() {
    return CompatibilityInfoBuilder.builder(this);
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
}
