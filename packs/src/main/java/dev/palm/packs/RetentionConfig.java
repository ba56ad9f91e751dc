package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

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
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
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
  public static RetentionConfigBuilder builder() {
    return RetentionConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public RetentionConfigBuilder toBuilder() {
    return RetentionConfigBuilder.builder(this);
  }
}
