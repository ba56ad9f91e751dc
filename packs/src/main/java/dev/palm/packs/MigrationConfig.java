package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Whether and how agents migrate live between nodes.
 *
 * <p>Defaults follow docs/pack-contract.md §2.6; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param enableLiveMigration whether live migration is enabled (file: {@code
 *     enable_live_migration}; default {@code false})
 * @param timeoutSecs seconds a migration may take (file: {@code timeout_secs}; default {@code
 *     300L})
 * @param maxConcurrent the most migrations at once (file: {@code max_concurrent}; default {@code
 *     1})
 * @param precopyThreshold fraction of state pre-copied before switching over (file: {@code
 *     precopy_threshold}; default {@code 0.9})
 * @param verifySourceAfter whether the source is verified after migration (file: {@code
 *     verify_source_after}; default {@code true})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record MigrationConfig(
    boolean enableLiveMigration,
    long timeoutSecs,
    int maxConcurrent,
    double precopyThreshold,
    boolean verifySourceAfter) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public MigrationConfig {
    Values.unsigned(timeoutSecs, "MigrationConfig.timeout_secs");
    Values.unsigned(maxConcurrent, "MigrationConfig.max_concurrent");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.6). */
  public static MigrationConfig defaults() {
    return new MigrationConfig(false, 300L, 1, 0.9, true);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static MigrationConfigBuilder builder() {
    return MigrationConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public MigrationConfigBuilder toBuilder() {
    return MigrationConfigBuilder.builder(this);
  }
}
