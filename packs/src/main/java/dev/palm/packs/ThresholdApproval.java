package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link ThresholdApproval}; every field starts from the value it was created from. */
  public static final class Builder {
    private String operation;
    private String thresholdType;
    private long thresholdValue;

    private Builder(ThresholdApproval from) {
      this.operation = from.operation();
      this.thresholdType = from.thresholdType();
      this.thresholdValue = from.thresholdValue();
    }

    /** Sets {@code operation}: the operation the rule applies to, e.g. {@code scale}. */
    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    /**
     * Sets {@code threshold_type}: what is measured, e.g. {@code instance_count} or {@code cost}.
     */
    public Builder thresholdType(String thresholdType) {
      this.thresholdType = thresholdType;
      return this;
    }

    /** Sets {@code threshold_value}: the value above which approval is needed. */
    public Builder thresholdValue(long thresholdValue) {
      this.thresholdValue = thresholdValue;
      return this;
    }

    /** Creates the record. */
    public ThresholdApproval build() {
      return new ThresholdApproval(operation, thresholdType, thresholdValue);
    }
  }
}
