package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link PlatformStateConfig}; every field starts from the value it was created from.
   */
  public static final class Builder {
    private CheckpointConfig checkpoint;
    private RetentionConfig retention;
    private MigrationConfig migration;
    private SerializationConfig serialization;

    private Builder(PlatformStateConfig from) {
      this.checkpoint = from.checkpoint();
      this.retention = from.retention();
      this.migration = from.migration();
      this.serialization = from.serialization();
    }

    /** Sets {@code checkpoint}: checkpointing. */
    public Builder checkpoint(CheckpointConfig checkpoint) {
      this.checkpoint = checkpoint;
      return this;
    }

    /** Sets {@code retention}: how long records are kept. */
    public Builder retention(RetentionConfig retention) {
      this.retention = retention;
      return this;
    }

    /** Sets {@code migration}: live migration. */
    public Builder migration(MigrationConfig migration) {
      this.migration = migration;
      return this;
    }

    /** Sets {@code serialization}: state encoding, encryption and integrity. */
    public Builder serialization(SerializationConfig serialization) {
      this.serialization = serialization;
      return this;
    }

    /** Creates the record. */
    public PlatformStateConfig build() {
      return new PlatformStateConfig(checkpoint, retention, migration, serialization);
    }
  }
}
