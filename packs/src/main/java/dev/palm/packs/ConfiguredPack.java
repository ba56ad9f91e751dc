package dev.palm.packs;

import dev.palm.packs.spec.AgentSpec;
import java.util.Objects;

/** A {@link PlatformPack} whose every part comes from a {@link PlatformPackConfig} (e.g. a pack file). */
final class ConfiguredPack implements PlatformPack {

    private final PlatformPackConfig config;
    private final PlatformProfile profile;

    ConfiguredPack(PlatformPackConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.profile = config.effectiveProfile();
    }

    PlatformPackConfig config() {
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

    /** A file pack has no code of its own, so it applies the spec's own validation. */
    @Override
    public void validateAgentSpec(AgentSpec spec) throws PackException {
        spec.requireValid();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfiguredPack that && that.config.equals(config);
    }

    @Override
    public int hashCode() {
        return config.hashCode();
    }

    @Override
    public String toString() {
        return "PlatformPack[" + config.metadata().name() + " " + config.metadata().version() + " (" + profile + ")]";
    }
}
