package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
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
  public static PlatformPackConfigBuilder builder() {
    return PlatformPackConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public PlatformPackConfigBuilder toBuilder() {
    return PlatformPackConfigBuilder.builder(this);
  }

  /**
   * Reads every accessor of {@code pack} into a config; a pack made by {@link #toPack()} gives back
   * its config.
   */
  public static PlatformPackConfig of(PlatformPack pack) {
    if (pack instanceof ConfiguredPack configured) {
      return configured.config();
    }
    // a pack whose accessor returns null must not silently run under the defaults
    return new PlatformPackConfig(
        present(pack, "metadata()", pack.metadata()),
        present(pack, "policyConfig()", pack.policyConfig()),
        present(pack, "healthConfig()", pack.healthConfig()),
        present(pack, "stateConfig()", pack.stateConfig()),
        present(pack, "resourceConfig()", pack.resourceConfig()),
        present(pack, "recoveryConfig()", pack.recoveryConfig()),
        present(pack, "capabilities()", pack.capabilities()),
        Optional.of(present(pack, "profile()", pack.profile())),
        present(pack, "extensions()", pack.extensions()));
  }

  private static <T> T present(PlatformPack pack, String accessor, T value) {
    if (value == null) {
      throw new IllegalArgumentException(
          "pack "
              + pack.getClass().getName()
              + " returned null from "
              + accessor
              + "; return a configuration (e.g. the record's defaults()) instead");
    }
    return value;
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
}
