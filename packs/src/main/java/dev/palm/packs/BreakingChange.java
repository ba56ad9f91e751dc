package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link BreakingChange}; every field starts from the value it was created from. */
  public static final class Builder {
    private String version;
    private String description;
    private Optional<String> migration;

    private Builder(BreakingChange from) {
      this.version = from.version();
      this.description = from.description();
      this.migration = from.migration();
    }

    /** Sets {@code version}: the version that introduced the change. */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /** Sets {@code description}: what changed. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Sets {@code migration}: how to migrate. */
    public Builder migration(Optional<String> migration) {
      this.migration = migration;
      return this;
    }

    /** Sets {@code migration}; {@code null} means absent. */
    public Builder migration(String migration) {
      this.migration = Optional.ofNullable(migration);
      return this;
    }

    /** Creates the record. */
    public BreakingChange build() {
      return new BreakingChange(version, description, migration);
    }
  }
}
