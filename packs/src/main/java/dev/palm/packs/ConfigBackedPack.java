package dev.palm.packs;

import dev.palm.packs.spec.AgentSpec;
import java.util.Objects;

/**
 * Base of the packs whose every part comes from one {@link PlatformPackConfig}: the packs made from
 * files and the canonical packs, and any Java pack (e.g. one found by {@link
 * java.util.ServiceLoader}) that is a fixed configuration plus, if it wants, its own {@link
 * #validateAgentSpec} or lifecycle hooks.
 */
public abstract class ConfigBackedPack implements PlatformPack {

  private final PlatformPackConfig config;
  private final PlatformProfile profile;

  /**
   * Backs the pack with {@code config}; its profile is {@link
   * PlatformPackConfig#effectiveProfile()}.
   */
  protected ConfigBackedPack(PlatformPackConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.profile = config.effectiveProfile();
  }

  /** Returns the whole configuration of this pack. */
  public PlatformPackConfig config() {
    return config;
  }

  @Override
  public PlatformProfile profile() {
    return profile;
  }

  @Override
  public PlatformMetadata metadata() {
    return config.metadata();
  }

  @Override
  public PlatformPolicyConfig policyConfig() {
    return config.policy();
  }

  @Override
  public PlatformHealthConfig healthConfig() {
    return config.health();
  }

  @Override
  public PlatformStateConfig stateConfig() {
    return config.state();
  }

  @Override
  public PlatformResourceConfig resourceConfig() {
    return config.resources();
  }

  @Override
  public PlatformRecoveryConfig recoveryConfig() {
    return config.recovery();
  }

  @Override
  public PlatformCapabilities capabilities() {
    return config.capabilities();
  }

  @Override
  public PackExtensions extensions() {
    return config.extensions();
  }

  /**
   * Rejects specs that fail their own validation (empty name, no attention budget or coupling
   * slots); a configuration carries no platform rules beyond that, so subclasses add any.
   */
  @Override
  public void validateAgentSpec(AgentSpec spec) throws PackException {
    spec.requireValid();
  }
}
