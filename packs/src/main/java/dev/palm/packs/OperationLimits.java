package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link OperationLimits}; every field starts from the value it was created from. */
  public static final class Builder {
    private int maxConcurrentDeployments;
    private int maxScaleUp;
    private int maxScaleDown;
    private int rateLimitPerMinute;

    private Builder(OperationLimits from) {
      this.maxConcurrentDeployments = from.maxConcurrentDeployments();
      this.maxScaleUp = from.maxScaleUp();
      this.maxScaleDown = from.maxScaleDown();
      this.rateLimitPerMinute = from.rateLimitPerMinute();
    }

    /** Sets {@code max_concurrent_deployments}: the most deployments that may exist at once. */
    public Builder maxConcurrentDeployments(int maxConcurrentDeployments) {
      this.maxConcurrentDeployments = maxConcurrentDeployments;
      return this;
    }

    /** Sets {@code max_scale_up}: the largest replica increase of one operation. */
    public Builder maxScaleUp(int maxScaleUp) {
      this.maxScaleUp = maxScaleUp;
      return this;
    }

    /** Sets {@code max_scale_down}: the largest replica decrease of one operation. */
    public Builder maxScaleDown(int maxScaleDown) {
      this.maxScaleDown = maxScaleDown;
      return this;
    }

    /** Sets {@code rate_limit_per_minute}: the most operations per sliding minute. */
    public Builder rateLimitPerMinute(int rateLimitPerMinute) {
      this.rateLimitPerMinute = rateLimitPerMinute;
      return this;
    }

    /** Creates the record. */
    public OperationLimits build() {
      return new OperationLimits(
          maxConcurrentDeployments, maxScaleUp, maxScaleDown, rateLimitPerMinute);
    }
  }
}
