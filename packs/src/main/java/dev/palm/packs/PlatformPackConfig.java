package dev.palm.packs;

import java.util.Optional;

/**
 * A whole platform pack as data: what a pack file holds and what {@link #of(PlatformPack)} reads
 * from a pack.
 *
 * <p>Note that {@link #defaults()} is not a valid pack (as in the original): the state default
 * enables {@code auto_checkpoint} while the capabilities default does not support checkpoints.
 *
 * <p>Defaults follow docs/pack-contract.md §2 and the brief; in a pack file the fields are spelled
 * in snake_case.
 *
 * @param metadata the pack's identity (file: {@code metadata}; default {@code
 *     PlatformMetadata.defaults()})
 * @param policy the policy (file: {@code policy}; default {@code PlatformPolicyConfig.defaults()})
 * @param health health checking (file: {@code health}; default {@code
 *     PlatformHealthConfig.defaults()})
 * @param state state management (file: {@code state}; default {@code
 *     PlatformStateConfig.defaults()})
 * @param resources resources (file: {@code resources}; default {@code
 *     PlatformResourceConfig.defaultConfig()})
 * @param recovery recovery (file: {@code recovery}; default {@code
 *     PlatformRecoveryConfig.defaults()})
 * @param capabilities capabilities (file: {@code capabilities}; default {@code
 *     PlatformCapabilities.defaults()})
 * @param profile the profile; absent = derived from the name ({@link PlatformProfile#fromPackName})
 *     (file: {@code profile}; default {@code Optional.empty()})
 * @param extensions PALM's extensions (file: {@code extensions}; default {@code
 *     PackExtensions.defaults()})
 */
public record PlatformPackConfig(
    PlatformMetadata metadata,
    PlatformPolicyConfig policy,
    PlatformHealthConfig health,
    PlatformStateConfig state,
    PlatformResourceConfig resources,
    PlatformRecoveryConfig recovery,
    PlatformCapabilities capabilities,
    Optional<PlatformProfile> profile,
    PackExtensions extensions) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public PlatformPackConfig {
    metadata = metadata == null ? PlatformMetadata.defaults() : metadata;
    policy = policy == null ? PlatformPolicyConfig.defaults() : policy;
    health = health == null ? PlatformHealthConfig.defaults() : health;
    state = state == null ? PlatformStateConfig.defaults() : state;
    resources = resources == null ? PlatformResourceConfig.defaultConfig() : resources;
    recovery = recovery == null ? PlatformRecoveryConfig.defaults() : recovery;
    capabilities = capabilities == null ? PlatformCapabilities.defaults() : capabilities;
    profile = profile == null ? Optional.empty() : profile;
    extensions = extensions == null ? PackExtensions.defaults() : extensions;
  }

  /** Returns the documented defaults (docs/pack-contract.md §2 and the brief). */
  public static PlatformPackConfig defaults() {
    return new PlatformPackConfig(
        PlatformMetadata.defaults(),
        PlatformPolicyConfig.defaults(),
        PlatformHealthConfig.defaults(),
        PlatformStateConfig.defaults(),
        PlatformResourceConfig.defaultConfig(),
        PlatformRecoveryConfig.defaults(),
        PlatformCapabilities.defaults(),
        Optional.empty(),
        PackExtensions.defaults());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Reads every accessor of {@code pack} into a config; a pack made by {@link #toPack()} gives back
   * its config.
   */
  public static PlatformPackConfig of(PlatformPack pack) {
    if (pack instanceof ConfiguredPack configured) {
      return configured.config();
    }
    return new PlatformPackConfig(
        pack.metadata(),
        pack.policyConfig(),
        pack.healthConfig(),
        pack.stateConfig(),
        pack.resourceConfig(),
        pack.recoveryConfig(),
        pack.capabilities(),
        Optional.of(pack.profile()),
        pack.extensions());
  }

  /**
   * Returns a pack backed by this config: its profile is {@link #profile()} or else derived from
   * the name, and its {@code validateAgentSpec} rejects specs whose own {@code validate()} fails.
   */
  public PlatformPack toPack() {
    return new ConfiguredPack(this);
  }

  /**
   * Returns the profile the pack runs under: the configured one, or the one derived from the name.
   */
  public PlatformProfile effectiveProfile() {
    return profile.orElseGet(() -> PlatformProfile.fromPackName(metadata.name()));
  }

  /** Builds a {@link PlatformPackConfig}; every field starts from the value it was created from. */
  public static final class Builder {
    private PlatformMetadata metadata;
    private PlatformPolicyConfig policy;
    private PlatformHealthConfig health;
    private PlatformStateConfig state;
    private PlatformResourceConfig resources;
    private PlatformRecoveryConfig recovery;
    private PlatformCapabilities capabilities;
    private Optional<PlatformProfile> profile;
    private PackExtensions extensions;

    private Builder(PlatformPackConfig from) {
      this.metadata = from.metadata();
      this.policy = from.policy();
      this.health = from.health();
      this.state = from.state();
      this.resources = from.resources();
      this.recovery = from.recovery();
      this.capabilities = from.capabilities();
      this.profile = from.profile();
      this.extensions = from.extensions();
    }

    /** Sets {@code metadata}: the pack's identity. */
    public Builder metadata(PlatformMetadata metadata) {
      this.metadata = metadata;
      return this;
    }

    /** Sets {@code policy}: the policy. */
    public Builder policy(PlatformPolicyConfig policy) {
      this.policy = policy;
      return this;
    }

    /** Sets {@code health}: health checking. */
    public Builder health(PlatformHealthConfig health) {
      this.health = health;
      return this;
    }

    /** Sets {@code state}: state management. */
    public Builder state(PlatformStateConfig state) {
      this.state = state;
      return this;
    }

    /** Sets {@code resources}: resources. */
    public Builder resources(PlatformResourceConfig resources) {
      this.resources = resources;
      return this;
    }

    /** Sets {@code recovery}: recovery. */
    public Builder recovery(PlatformRecoveryConfig recovery) {
      this.recovery = recovery;
      return this;
    }

    /** Sets {@code capabilities}: capabilities. */
    public Builder capabilities(PlatformCapabilities capabilities) {
      this.capabilities = capabilities;
      return this;
    }

    /**
     * Sets {@code profile}: the profile; absent = derived from the name ({@link
     * PlatformProfile#fromPackName}).
     */
    public Builder profile(Optional<PlatformProfile> profile) {
      this.profile = profile;
      return this;
    }

    /** Sets {@code profile}; {@code null} means absent. */
    public Builder profile(PlatformProfile profile) {
      this.profile = Optional.ofNullable(profile);
      return this;
    }

    /** Sets {@code extensions}: PALM's extensions. */
    public Builder extensions(PackExtensions extensions) {
      this.extensions = extensions;
      return this;
    }

    /** Creates the record. */
    public PlatformPackConfig build() {
      return new PlatformPackConfig(
          metadata, policy, health, state, resources, recovery, capabilities, profile, extensions);
    }
  }
}
