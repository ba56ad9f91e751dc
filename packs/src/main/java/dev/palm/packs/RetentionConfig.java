package dev.palm.packs;

/**
 * How long checkpoints, audit records, metrics and terminated instances are kept.
 *
 * <p>Defaults follow docs/pack-contract.md §2.6; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param checkpointRetentionDays days checkpoints are kept (file: {@code
 *     checkpoint_retention_days}; default {@code 7})
 * @param auditRetentionDays days audit records are kept (file: {@code audit_retention_days};
 *     default {@code 90})
 * @param metricsRetentionDays days metrics (and decisions) are kept (file: {@code
 *     metrics_retention_days}; default {@code 30})
 * @param autoCleanup whether expired records are deleted automatically (file: {@code auto_cleanup};
 *     default {@code true})
 * @param terminatedInstanceRetentionDays days a terminated instance's state is kept (file: {@code
 *     terminated_instance_retention_days}; default {@code 1})
 */
public record RetentionConfig(
    int checkpointRetentionDays,
    int auditRetentionDays,
    int metricsRetentionDays,
    boolean autoCleanup,
    int terminatedInstanceRetentionDays) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public RetentionConfig {
    Values.unsigned(checkpointRetentionDays, "RetentionConfig.checkpoint_retention_days");
    Values.unsigned(auditRetentionDays, "RetentionConfig.audit_retention_days");
    Values.unsigned(metricsRetentionDays, "RetentionConfig.metrics_retention_days");
    Values.unsigned(
        terminatedInstanceRetentionDays, "RetentionConfig.terminated_instance_retention_days");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.6). */
  public static RetentionConfig defaults() {
    return new RetentionConfig(7, 90, 30, true, 1);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link RetentionConfig}; every field starts from the value it was created from. */
  public static final class Builder {
    private int checkpointRetentionDays;
    private int auditRetentionDays;
    private int metricsRetentionDays;
    private boolean autoCleanup;
    private int terminatedInstanceRetentionDays;

    private Builder(RetentionConfig from) {
      this.checkpointRetentionDays = from.checkpointRetentionDays();
      this.auditRetentionDays = from.auditRetentionDays();
      this.metricsRetentionDays = from.metricsRetentionDays();
      this.autoCleanup = from.autoCleanup();
      this.terminatedInstanceRetentionDays = from.terminatedInstanceRetentionDays();
    }

    /** Sets {@code checkpoint_retention_days}: days checkpoints are kept. */
    public Builder checkpointRetentionDays(int checkpointRetentionDays) {
      this.checkpointRetentionDays = checkpointRetentionDays;
      return this;
    }

    /** Sets {@code audit_retention_days}: days audit records are kept. */
    public Builder auditRetentionDays(int auditRetentionDays) {
      this.auditRetentionDays = auditRetentionDays;
      return this;
    }

    /** Sets {@code metrics_retention_days}: days metrics (and decisions) are kept. */
    public Builder metricsRetentionDays(int metricsRetentionDays) {
      this.metricsRetentionDays = metricsRetentionDays;
      return this;
    }

    /** Sets {@code auto_cleanup}: whether expired records are deleted automatically. */
    public Builder autoCleanup(boolean autoCleanup) {
      this.autoCleanup = autoCleanup;
      return this;
    }

    /**
     * Sets {@code terminated_instance_retention_days}: days a terminated instance's state is kept.
     */
    public Builder terminatedInstanceRetentionDays(int terminatedInstanceRetentionDays) {
      this.terminatedInstanceRetentionDays = terminatedInstanceRetentionDays;
      return this;
    }

    /** Creates the record. */
    public RetentionConfig build() {
      return new RetentionConfig(
          checkpointRetentionDays,
          auditRetentionDays,
          metricsRetentionDays,
          autoCleanup,
          terminatedInstanceRetentionDays);
    }
  }
}
