package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Map;
import java.util.Objects;

/**
 * A named, platform-specific health probe with free-form configuration.
 *
 * <p>Defaults follow docs/pack-contract.md §2.5 (the original has no defaults for this struct; name
 * and type are empty); in a pack file the fields are spelled in snake_case.
 *
 * @param name the probe's name (file: {@code name}; default {@code ""})
 * @param probeType the kind of probe, e.g. {@code http} (file: {@code probe_type}; default {@code
 *     ""})
 * @param settings the probe's timing and thresholds (file: {@code settings}; default {@code
 *     ProbeSettings.defaults()})
 * @param config JSON-like probe configuration (an empty object when absent) (file: {@code config};
 *     default {@code Map.of()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record CustomProbeConfig(
    String name, String probeType, ProbeSettings settings, Object config) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public CustomProbeConfig {
    Objects.requireNonNull(name, "CustomProbeConfig.name" + " must not be null");
    Objects.requireNonNull(probeType, "CustomProbeConfig.probe_type" + " must not be null");
    settings = settings == null ? ProbeSettings.defaults() : settings;
    config = Values.json(config == null ? Map.of() : config, "CustomProbeConfig.config");
  }

  /**
   * Returns the documented defaults (docs/pack-contract.md §2.5 (the original has no defaults for
   * this struct; name and type are empty)).
   */
  public static CustomProbeConfig defaults() {
    return new CustomProbeConfig("", "", ProbeSettings.defaults(), Map.of());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static CustomProbeConfigBuilder builder() {
    return CustomProbeConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public CustomProbeConfigBuilder toBuilder() {
    return CustomProbeConfigBuilder.builder(this);
  }
}
