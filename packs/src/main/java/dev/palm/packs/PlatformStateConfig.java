package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * How a pack's state is checkpointed, retained, migrated and serialised.
 *
 * <p>Defaults follow docs/pack-contract.md §2.6; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param checkpoint checkpointing (file: {@code checkpoint}; default {@code
 *     CheckpointConfig.defaults()})
 * @param retention how long records are kept (file: {@code retention}; default {@code
 *     RetentionConfig.defaults()})
 * @param migration live migration (file: {@code migration}; default {@code
 *     MigrationConfig.defaults()})
 * @param serialization state encoding, encryption and integrity (file: {@code serialization};
 *     default {@code SerializationConfig.defaults()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record PlatformStateConfig(
    CheckpointConfig checkpoint,
    RetentionConfig retention,
    MigrationConfig migration,
    SerializationConfig serialization) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public PlatformStateConfig {
    checkpoint = checkpoint == null ? CheckpointConfig.defaults() : checkpoint;
    retention = retention == null ? RetentionConfig.defaults() : retention;
    migration = migration == null ? MigrationConfig.defaults() : migration;
    serialization = serialization == null ? SerializationConfig.defaults() : serialization;
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.6). */
  public static PlatformStateConfig defaults() {
    return new PlatformStateConfig(
        CheckpointConfig.defaults(),
        RetentionConfig.defaults(),
        MigrationConfig.defaults(),
        SerializationConfig.defaults());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static PlatformStateConfigBuilder builder() {
    return PlatformStateConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public PlatformStateConfigBuilder toBuilder() {
    return PlatformStateConfigBuilder.builder(this);
  }
}
