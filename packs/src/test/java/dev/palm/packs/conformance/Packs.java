package dev.palm.packs.conformance;

import dev.palm.packs.PackException;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformCapabilitiesBuilder;
import dev.palm.packs.PlatformHealthConfig;
import dev.palm.packs.PlatformMetadata;
import dev.palm.packs.PlatformMetadataBuilder;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.PlatformPolicyConfig;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.PlatformRecoveryConfig;
import dev.palm.packs.PlatformResourceConfig;
import dev.palm.packs.PlatformStateConfig;
import dev.palm.packs.spec.AgentSpec;
import java.util.function.UnaryOperator;

/** Test packs: canonical packs with changed configuration, and packs with scripted callbacks. */
final class Packs {

  private Packs() {}

  /**
   * {@code pack}'s configuration changed by {@code change}, as a new pack with the same profile.
   */
  static PlatformPack modified(PlatformPack pack, UnaryOperator<PlatformPackConfig> change) {
    return change.apply(PlatformPackConfig.of(pack)).toPack();
  }

  static PlatformPack withPolicy(PlatformPack pack, UnaryOperator<PlatformPolicyConfig> change) {
    return modified(pack, c -> c.toBuilder().policy(change.apply(c.policy())).build());
  }

  static PlatformPack withState(PlatformPack pack, UnaryOperator<PlatformStateConfig> change) {
    return modified(pack, c -> c.toBuilder().state(change.apply(c.state())).build());
  }

  static PlatformPack withRecovery(
      PlatformPack pack, UnaryOperator<PlatformRecoveryConfig> change) {
    return modified(pack, c -> c.toBuilder().recovery(change.apply(c.recovery())).build());
  }

  static PlatformPack withResources(
      PlatformPack pack, UnaryOperator<PlatformResourceConfig> change) {
    return modified(pack, c -> c.toBuilder().resources(change.apply(c.resources())).build());
  }

  static PlatformPack withCapabilities(
      PlatformPack pack, UnaryOperator<PlatformCapabilitiesBuilder> change) {
    return modified(
        pack,
        c ->
            c.toBuilder().capabilities(change.apply(c.capabilities().toBuilder()).build()).build());
  }

  static PlatformPack withMetadata(
      PlatformPack pack, UnaryOperator<PlatformMetadataBuilder> change) {
    return modified(
        pack, c -> c.toBuilder().metadata(change.apply(c.metadata().toBuilder()).build()).build());
  }

  static PlatformPack withProfile(PlatformPack pack, PlatformProfile profile) {
    return modified(pack, c -> c.toBuilder().profile(profile).build());
  }

  /** A callback of a scripted pack. */
  @FunctionalInterface
  interface Callback {
    void run() throws PackException;
  }

  /** A callback of a scripted pack that receives the agent spec. */
  @FunctionalInterface
  interface SpecCheck {
    void check(AgentSpec spec) throws PackException;
  }

  /** A pack that answers from {@code delegate} but runs the given lifecycle and spec callbacks. */
  static PlatformPack scripted(
      PlatformPack delegate, Callback onLoad, Callback onUnload, SpecCheck specCheck) {
    return new PlatformPack() {
      @Override
      public PlatformProfile profile() {
        return delegate.profile();
      }

      @Override
      public PlatformMetadata metadata() {
        return delegate.metadata();
      }

      @Override
      public PlatformPolicyConfig policyConfig() {
        return delegate.policyConfig();
      }

      @Override
      public PlatformHealthConfig healthConfig() {
        return delegate.healthConfig();
      }

      @Override
      public PlatformStateConfig stateConfig() {
        return delegate.stateConfig();
      }

      @Override
      public PlatformResourceConfig resourceConfig() {
        return delegate.resourceConfig();
      }

      @Override
      public PlatformRecoveryConfig recoveryConfig() {
        return delegate.recoveryConfig();
      }

      @Override
      public PlatformCapabilities capabilities() {
        return delegate.capabilities();
      }

      @Override
      public void validateAgentSpec(AgentSpec spec) throws PackException {
        specCheck.check(spec);
      }

      @Override
      public void onLoad() throws PackException {
        onLoad.run();
      }

      @Override
      public void onUnload() throws PackException {
        onUnload.run();
      }
    };
  }

  static void nothing() {
    // A callback that succeeds.
  }

  static void accept(AgentSpec spec) {
    // Accepts every spec.
  }
}
