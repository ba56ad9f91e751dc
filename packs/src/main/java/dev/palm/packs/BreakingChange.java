package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;
import java.util.Optional;

/**
 * A breaking change introduced by a version of a pack, with how to migrate.
 *
 * <p>Defaults follow docs/pack-contract.md §2.3 (the original has no defaults for this struct;
 * these are empty values); in a pack file the fields are spelled in snake_case.
 *
 * @param version the version that introduced the change (file: {@code version}; default {@code ""})
 * @param description what changed (file: {@code description}; default {@code ""})
 * @param migration how to migrate (file: {@code migration}; default {@code Optional.empty()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record BreakingChange(String version, String description, Optional<String> migration) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public BreakingChange {
    Objects.requireNonNull(version, "BreakingChange.version" + " must not be null");
    Objects.requireNonNull(description, "BreakingChange.description" + " must not be null");
    migration = migration == null ? Optional.empty() : migration;
  }

  /**
   * Returns the documented defaults (docs/pack-contract.md §2.3 (the original has no defaults for
   * this struct; these are empty values)).
   */
  public static BreakingChange defaults() {
    return new BreakingChange("", "", Optional.empty());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static BreakingChangeBuilder builder() {
    return BreakingChangeBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public BreakingChangeBuilder toBuilder() {
    return BreakingChangeBuilder.builder(this);
  }
}
