package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Resource defaults, limits, scaling and placement of a pack's agents.
 *
 * <p>Defaults follow docs/pack-contract.md §2.7; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param defaults resources an agent gets when it asks for none (file: {@code defaults}; default
 *     {@code ResourceDefaults.defaults()})
 * @param limits per-agent and total resource limits (file: {@code limits}; default {@code
 *     ResourceLimits.defaults()})
 * @param scaling autoscaling (file: {@code scaling}; default {@code ScalingConfig.defaults()})
 * @param affinity placement rules (file: {@code affinity}; default {@code
 *     AffinityConfig.defaults()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record PlatformResourceConfig(
    ResourceDefaults defaults,
    ResourceLimits limits,
    ScalingConfig scaling,
    AffinityConfig affinity) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public PlatformResourceConfig {
    defaults = defaults == null ? ResourceDefaults.defaults() : defaults;
    limits = limits == null ? ResourceLimits.defaults() : limits;
    scaling = scaling == null ? ScalingConfig.defaults() : scaling;
    affinity = affinity == null ? AffinityConfig.defaults() : affinity;
  }

  /**
   * Returns the documented defaults (docs/pack-contract.md §2.7).
   *
   * <p>Named {@code defaultConfig} because the record component {@code defaults} already owns
   * {@code defaults()}.
   */
  public static PlatformResourceConfig defaultConfig() {
    return new PlatformResourceConfig(
        ResourceDefaults.defaults(),
        ResourceLimits.defaults(),
        ScalingConfig.defaults(),
        AffinityConfig.defaults());
  }

  /** Returns a builder that starts from {@link #defaultConfig()}. */
  public static PlatformResourceConfigBuilder builder() {
    return PlatformResourceConfigBuilder.builder(defaultConfig());
  }

  /** Returns a builder that starts from this record's values. */
  public PlatformResourceConfigBuilder toBuilder() {
    return PlatformResourceConfigBuilder.builder(this);
  }
}
