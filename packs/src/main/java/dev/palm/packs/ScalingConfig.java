package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
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
  public static ScalingConfigBuilder builder() {
    return ScalingConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public ScalingConfigBuilder toBuilder() {
    return ScalingConfigBuilder.builder(this);
  }
}
