package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaultConfig());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link PlatformResourceConfig}; every field starts from the value it was created from.
   */
  public static final class Builder {
    private ResourceDefaults defaults;
    private ResourceLimits limits;
    private ScalingConfig scaling;
    private AffinityConfig affinity;

    private Builder(PlatformResourceConfig from) {
      this.defaults = from.defaults();
      this.limits = from.limits();
      this.scaling = from.scaling();
      this.affinity = from.affinity();
    }

    /** Sets {@code defaults}: resources an agent gets when it asks for none. */
    public Builder defaults(ResourceDefaults defaults) {
      this.defaults = defaults;
      return this;
    }

    /** Sets {@code limits}: per-agent and total resource limits. */
    public Builder limits(ResourceLimits limits) {
      this.limits = limits;
      return this;
    }

    /** Sets {@code scaling}: autoscaling. */
    public Builder scaling(ScalingConfig scaling) {
      this.scaling = scaling;
      return this;
    }

    /** Sets {@code affinity}: placement rules. */
    public Builder affinity(AffinityConfig affinity) {
      this.affinity = affinity;
      return this;
    }

    /** Creates the record. */
    public PlatformResourceConfig build() {
      return new PlatformResourceConfig(defaults, limits, scaling, affinity);
    }
  }
}
