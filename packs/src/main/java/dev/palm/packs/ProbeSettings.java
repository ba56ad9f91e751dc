package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Timing and thresholds of one health probe (the tutorial calls it {@code ProbeConfig}, see {@link
 * ProbeConfig}).
 *
 * <p>Defaults follow docs/pack-contract.md §2.5; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param enabled whether the probe runs (file: {@code enabled}; default {@code true})
 * @param timeoutSecs seconds before one probe attempt times out (file: {@code timeout_secs};
 *     default {@code 5L})
 * @param periodSecs seconds between probe attempts (file: {@code period_secs}; default {@code 10L})
 * @param failureThreshold consecutive failures before the probe fails (file: {@code
 *     failure_threshold}; default {@code 3})
 * @param successThreshold consecutive successes before the probe passes (file: {@code
 *     success_threshold}; default {@code 1})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record ProbeSettings(
    boolean enabled,
    long timeoutSecs,
    long periodSecs,
    int failureThreshold,
    int successThreshold) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public ProbeSettings {
    Values.unsigned(timeoutSecs, "ProbeSettings.timeout_secs");
    Values.unsigned(periodSecs, "ProbeSettings.period_secs");
    Values.unsigned(failureThreshold, "ProbeSettings.failure_threshold");
    Values.unsigned(successThreshold, "ProbeSettings.success_threshold");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.5). */
  public static ProbeSettings defaults() {
    return new ProbeSettings(true, 5L, 10L, 3, 1);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static ProbeSettingsBuilder builder() {
    return ProbeSettingsBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public ProbeSettingsBuilder toBuilder() {
    return ProbeSettingsBuilder.builder(this);
  }
}
