package dev.palm.packs.canonical;

import dev.palm.packs.PackException;
import dev.palm.packs.PackExtensions;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformHealthConfig;
import dev.palm.packs.PlatformMetadata;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.PlatformPolicyConfig;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.PlatformRecoveryConfig;
import dev.palm.packs.PlatformResourceConfig;
import dev.palm.packs.PlatformStateConfig;
import dev.palm.packs.spec.AgentSpec;
import java.time.Instant;
import java.util.List;

/**
 * Base of the three canonical packs shipped with PALM: each is a fixed {@link PlatformPackConfig} with the preset
 * values of packs-reference §3.
 */
public abstract sealed class CanonicalPack implements PlatformPack permits MapleversePack, FinalversePack, IBankPack {

    /**
     * The {@code created_at}/{@code updated_at} of the canonical packs. The original stamps {@code Utc::now()};
     * a fixed instant makes the presets reproducible, so that the shipped pack files equal the classes and an
     * audit trail's pack configuration can be re-derived later.
     */
    public static final Instant PRESET_TIMESTAMP = Instant.parse("2025-01-01T00:00:00Z");

    private final PlatformPackConfig config;

    CanonicalPack(PlatformPackConfig config) {
        this.config = config;
    }

    /** Returns fresh instances of the three canonical packs: Mapleverse, Finalverse, iBank. */
    public static List<PlatformPack> all() {
        return List.of(new MapleversePack(), new FinalversePack(), new IBankPack());
    }

    /** Returns the whole configuration of this pack. */
    public PlatformPackConfig config() {
        return config;
    }

    @Override
    public PlatformProfile profile() {
        return config.effectiveProfile();
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

    /** Rejects specs that fail their own validation (empty name, no attention budget or coupling slots). */
    @Override
    public void validateAgentSpec(AgentSpec spec) throws PackException {
        spec.requireValid();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + config.metadata().name() + " " + config.metadata().version() + "]";
    }
}
