package dev.palm.packs;

import java.util.Objects;

/**
 * How a pack's deployments scale.
 *
 * <p>Defaults follow docs/pack-contract.md §2.7; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param enableHorizontal whether instances are added and removed (file: {@code enable_horizontal};
 *     default {@code true})
 * @param enableVertical whether instances are resized (file: {@code enable_vertical}; default
 *     {@code false})
 * @param minInstances the fewest instances of a deployment (file: {@code min_instances}; default
 *     {@code 1})
 * @param maxInstances the most instances of a deployment (file: {@code max_instances}; default
 *     {@code 10})
 * @param scaleUpThreshold utilisation that triggers a scale-up (file: {@code scale_up_threshold};
 *     default {@code 0.8})
 * @param scaleDownThreshold utilisation that triggers a scale-down (file: {@code
 *     scale_down_threshold}; default {@code 0.3})
 * @param scaleUpCooldownSecs seconds between scale-ups (file: {@code scale_up_cooldown_secs};
 *     default {@code 60L})
 * @param scaleDownCooldownSecs seconds between scale-downs (file: {@code scale_down_cooldown_secs};
 *     default {@code 300L})
 * @param scalingMetric the metric scaling follows (file: {@code scaling_metric}; default {@code
 *     ScalingMetric.CPU_UTILIZATION})
 */
public record ScalingConfig(
    boolean enableHorizontal,
    boolean enableVertical,
    int minInstances,
    int maxInstances,
    double scaleUpThreshold,
    double scaleDownThreshold,
    long scaleUpCooldownSecs,
    long scaleDownCooldownSecs,
    ScalingMetric scalingMetric) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public ScalingConfig {
    Values.unsigned(minInstances, "ScalingConfig.min_instances");
    Values.unsigned(maxInstances, "ScalingConfig.max_instances");
    Values.unsigned(scaleUpCooldownSecs, "ScalingConfig.scale_up_cooldown_secs");
    Values.unsigned(scaleDownCooldownSecs, "ScalingConfig.scale_down_cooldown_secs");
    Objects.requireNonNull(scalingMetric, "ScalingConfig.scaling_metric" + " must not be null");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.7). */
  public static ScalingConfig defaults() {
    return new ScalingConfig(
        true, false, 1, 10, 0.8, 0.3, 60L, 300L, ScalingMetric.CPU_UTILIZATION);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link ScalingConfig}; every field starts from the value it was created from. */
  public static final class Builder {
    private boolean enableHorizontal;
    private boolean enableVertical;
    private int minInstances;
    private int maxInstances;
    private double scaleUpThreshold;
    private double scaleDownThreshold;
    private long scaleUpCooldownSecs;
    private long scaleDownCooldownSecs;
    private ScalingMetric scalingMetric;

    private Builder(ScalingConfig from) {
      this.enableHorizontal = from.enableHorizontal();
      this.enableVertical = from.enableVertical();
      this.minInstances = from.minInstances();
      this.maxInstances = from.maxInstances();
      this.scaleUpThreshold = from.scaleUpThreshold();
      this.scaleDownThreshold = from.scaleDownThreshold();
      this.scaleUpCooldownSecs = from.scaleUpCooldownSecs();
      this.scaleDownCooldownSecs = from.scaleDownCooldownSecs();
      this.scalingMetric = from.scalingMetric();
    }

    /** Sets {@code enable_horizontal}: whether instances are added and removed. */
    public Builder enableHorizontal(boolean enableHorizontal) {
      this.enableHorizontal = enableHorizontal;
      return this;
    }

    /** Sets {@code enable_vertical}: whether instances are resized. */
    public Builder enableVertical(boolean enableVertical) {
      this.enableVertical = enableVertical;
      return this;
    }

    /** Sets {@code min_instances}: the fewest instances of a deployment. */
    public Builder minInstances(int minInstances) {
      this.minInstances = minInstances;
      return this;
    }

    /** Sets {@code max_instances}: the most instances of a deployment. */
    public Builder maxInstances(int maxInstances) {
      this.maxInstances = maxInstances;
      return this;
    }

    /** Sets {@code scale_up_threshold}: utilisation that triggers a scale-up. */
    public Builder scaleUpThreshold(double scaleUpThreshold) {
      this.scaleUpThreshold = scaleUpThreshold;
      return this;
    }

    /** Sets {@code scale_down_threshold}: utilisation that triggers a scale-down. */
    public Builder scaleDownThreshold(double scaleDownThreshold) {
      this.scaleDownThreshold = scaleDownThreshold;
      return this;
    }

    /** Sets {@code scale_up_cooldown_secs}: seconds between scale-ups. */
    public Builder scaleUpCooldownSecs(long scaleUpCooldownSecs) {
      this.scaleUpCooldownSecs = scaleUpCooldownSecs;
      return this;
    }

    /** Sets {@code scale_down_cooldown_secs}: seconds between scale-downs. */
    public Builder scaleDownCooldownSecs(long scaleDownCooldownSecs) {
      this.scaleDownCooldownSecs = scaleDownCooldownSecs;
      return this;
    }

    /** Sets {@code scaling_metric}: the metric scaling follows. */
    public Builder scalingMetric(ScalingMetric scalingMetric) {
      this.scalingMetric = scalingMetric;
      return this;
    }

    /** Creates the record. */
    public ScalingConfig build() {
      return new ScalingConfig(
          enableHorizontal,
          enableVertical,
          minInstances,
          maxInstances,
          scaleUpThreshold,
          scaleDownThreshold,
          scaleUpCooldownSecs,
          scaleDownCooldownSecs,
          scalingMetric);
    }
  }
}
