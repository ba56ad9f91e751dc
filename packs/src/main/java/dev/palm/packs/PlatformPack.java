package dev.palm.packs;

import dev.palm.packs.spec.AgentSpec;

/**
 * A platform pack: the configuration bundle (policy, health, state, resources, recovery,
 * capabilities) that a platform runs under, as in the tutorial's {@code PlatformPack} trait.
 *
 * <p>Implementations written in Java are discovered with {@link java.util.ServiceLoader} (list them
 * in {@code META-INF/services/dev.palm.packs.PlatformPack}); packs written as files become packs
 * through {@link PlatformPackConfig#toPack()}.
 */
public interface PlatformPack {

  /** The profile that selects platform-specific behaviour and conformance tests. */
  PlatformProfile profile();

  /** The pack's identity and compatibility. */
  PlatformMetadata metadata();

  /** The policy imposed on operations. */
  PlatformPolicyConfig policyConfig();

  /** How agent health is checked. */
  PlatformHealthConfig healthConfig();

  /** How state is checkpointed and retained. */
  PlatformStateConfig stateConfig();

  /** Resource defaults, limits and scaling. */
  PlatformResourceConfig resourceConfig();

  /** How failures are recovered. */
  PlatformRecoveryConfig recoveryConfig();

  /** What the platform supports. */
  PlatformCapabilities capabilities();

  /**
   * PALM's extensions (approvers, keys, reconciliation window); the defaults keep tutorial packs
   * valid.
   */
  default PackExtensions extensions() {
    return PackExtensions.defaults();
  }

  /**
   * Checks that an agent spec may be deployed on this platform; the default accepts every spec.
   *
   * @throws PackException of kind {@link PackError#INCOMPATIBLE_SPEC} when the spec is rejected
   */
  default void validateAgentSpec(AgentSpec spec) throws PackException {
    // Accepting is the original trait's default.
  }

  /** Called when the pack is loaded; the default does nothing. */
  default void onLoad() throws PackException {
    // Nothing to prepare by default.
  }

  /** Called when the pack is unloaded; the default does nothing. */
  default void onUnload() throws PackException {
    // Nothing to release by default.
  }
}
