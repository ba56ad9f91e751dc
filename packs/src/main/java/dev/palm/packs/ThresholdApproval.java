package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;

/**
 * A rule that an operation needs human approval when a measured value exceeds a threshold.
 *
 * <p>Defaults follow docs/pack-contract.md §2.4 (the original has no defaults for this struct;
 * these are empty values); in a pack file the fields are spelled in snake_case.
 *
 * @param operation the operation the rule applies to, e.g. {@code scale} (file: {@code operation};
 *     default {@code ""})
 * @param thresholdType what is measured, e.g. {@code instance_count} or {@code cost} (file: {@code
 *     threshold_type}; default {@code ""})
 * @param thresholdValue the value above which approval is needed (file: {@code threshold_value};
 *     default {@code 0L})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record ThresholdApproval(String operation, String thresholdType, long thresholdValue) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public ThresholdApproval {
    Objects.requireNonNull(operation, "ThresholdApproval.operation" + " must not be null");
    Objects.requireNonNull(thresholdType, "ThresholdApproval.threshold_type" + " must not be null");
    Values.unsigned(thresholdValue, "ThresholdApproval.threshold_value");
  }

  /**
   * Returns the documented defaults (docs/pack-contract.md §2.4 (the original has no defaults for
   * this struct; these are empty values)).
   */
  public static ThresholdApproval defaults() {
    return new ThresholdApproval("", "", 0L);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static ThresholdApprovalBuilder builder() {
    return ThresholdApprovalBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public ThresholdApprovalBuilder toBuilder() {
    return ThresholdApprovalBuilder.builder(this);
  }
}
