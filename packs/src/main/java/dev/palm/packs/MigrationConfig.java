package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link MigrationConfig}; every field starts from the value it was created from. */
  public static final class Builder {
    private boolean enableLiveMigration;
    private long timeoutSecs;
    private int maxConcurrent;
    private double precopyThreshold;
    private boolean verifySourceAfter;

    private Builder(MigrationConfig from) {
      this.enableLiveMigration = from.enableLiveMigration();
      this.timeoutSecs = from.timeoutSecs();
      this.maxConcurrent = from.maxConcurrent();
      this.precopyThreshold = from.precopyThreshold();
      this.verifySourceAfter = from.verifySourceAfter();
    }

    /** Sets {@code enable_live_migration}: whether live migration is enabled. */
    public Builder enableLiveMigration(boolean enableLiveMigration) {
      this.enableLiveMigration = enableLiveMigration;
      return this;
    }

    /** Sets {@code timeout_secs}: seconds a migration may take. */
    public Builder timeoutSecs(long timeoutSecs) {
      this.timeoutSecs = timeoutSecs;
      return this;
    }

    /** Sets {@code max_concurrent}: the most migrations at once. */
    public Builder maxConcurrent(int maxConcurrent) {
      this.maxConcurrent = maxConcurrent;
      return this;
    }

    /** Sets {@code precopy_threshold}: fraction of state pre-copied before switching over. */
    public Builder precopyThreshold(double precopyThreshold) {
      this.precopyThreshold = precopyThreshold;
      return this;
    }

    /** Sets {@code verify_source_after}: whether the source is verified after migration. */
    public Builder verifySourceAfter(boolean verifySourceAfter) {
      this.verifySourceAfter = verifySourceAfter;
      return this;
    }

    /** Creates the record. */
    public MigrationConfig build() {
      return new MigrationConfig(
          enableLiveMigration, timeoutSecs, maxConcurrent, precopyThreshold, verifySourceAfter);
    }
  }
}
