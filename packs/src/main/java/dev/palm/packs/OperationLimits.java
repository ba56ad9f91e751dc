package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Rate and size limits on a pack's operations.
 *
 * <p>Defaults follow docs/pack-contract.md §2.4; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param maxConcurrentDeployments the most deployments that may exist at once (file: {@code
 *     max_concurrent_deployments}; default {@code 100})
 * @param maxScaleUp the largest replica increase of one operation (file: {@code max_scale_up};
 *     default {@code 50})
 * @param maxScaleDown the largest replica decrease of one operation (file: {@code max_scale_down};
 *     default {@code 50})
 * @param rateLimitPerMinute the most operations per sliding minute (file: {@code
 *     rate_limit_per_minute}; default {@code 60})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record OperationLimits(
    int maxConcurrentDeployments, int maxScaleUp, int maxScaleDown, int rateLimitPerMinute) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public OperationLimits {
    Values.unsigned(maxConcurrentDeployments, "OperationLimits.max_concurrent_deployments");
    Values.unsigned(maxScaleUp, "OperationLimits.max_scale_up");
    Values.unsigned(maxScaleDown, "OperationLimits.max_scale_down");
    Values.unsigned(rateLimitPerMinute, "OperationLimits.rate_limit_per_minute");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.4). */
  public static OperationLimits defaults() {
    return new OperationLimits(100, 50, 50, 60);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static OperationLimitsBuilder builder() {
    return OperationLimitsBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public OperationLimitsBuilder toBuilder() {
    return OperationLimitsBuilder.builder(this);
  }
}
