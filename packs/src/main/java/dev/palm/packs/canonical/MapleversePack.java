package dev.palm.packs.canonical;

import dev.palm.packs.AccountabilityConfig;
import dev.palm.packs.AffinityConfig;
import dev.palm.packs.AutoRecoveryConfig;
import dev.palm.packs.BackoffConfig;
import dev.palm.packs.CheckpointConfig;
import dev.palm.packs.CircuitBreakerConfig;
import dev.palm.packs.CompatibilityInfo;
import dev.palm.packs.CompressionAlgorithm;
import dev.palm.packs.DegradableFeature;
import dev.palm.packs.DegradationConfig;
import dev.palm.packs.DegradationLevel;
import dev.palm.packs.EscalationConfig;
import dev.palm.packs.EscalationLevel;
import dev.palm.packs.HumanApprovalConfig;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.packs.MigrationConfig;
import dev.palm.packs.OperationLimits;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformHealthConfig;
import dev.palm.packs.PlatformMetadata;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.PlatformPolicyConfig;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.PlatformRecoveryConfig;
import dev.palm.packs.PlatformResourceConfig;
import dev.palm.packs.PlatformStateConfig;
import dev.palm.packs.ProbeConfigs;
import dev.palm.packs.ProbeSettings;
import dev.palm.packs.RecoveryAction;
import dev.palm.packs.RecoveryActionType;
import dev.palm.packs.ResonanceHealthConfig;
import dev.palm.packs.ResourceDefaults;
import dev.palm.packs.ResourceLimits;
import dev.palm.packs.RetentionConfig;
import dev.palm.packs.SafetyHoldsConfig;
import dev.palm.packs.ScalingConfig;
import dev.palm.packs.ScalingMetric;
import dev.palm.packs.SerializationConfig;
import dev.palm.packs.SerializationFormat;
import dev.palm.packs.ThresholdApproval;
import dev.palm.packs.TopologyPolicy;
import dev.palm.packs.TopologySpread;
import java.util.List;
import java.util.Map;

/**
 * The Mapleverse pack: high-throughput swarm orchestration, no human approval, fast recovery with
 * many attempts, hot reload and live migration (docs/pack-contract.md §3, column "mapleverse").
 */
public final class MapleversePack extends CanonicalPack {

  /** Creates the pack with its preset configuration. */
  public MapleversePack() {
    super(presetConfig());
  }

  /** Returns a new Mapleverse pack. */
  public static MapleversePack mapleverse() {
    return new MapleversePack();
  }

  /** Returns the preset configuration of the Mapleverse pack. */
  public static PlatformPackConfig presetConfig() {
    return PlatformPackConfig.builder()
        .metadata(buildMetadata())
        .policy(buildPolicy())
        .health(buildHealth())
        .state(buildState())
        .resources(buildResources())
        .recovery(buildRecovery())
        .capabilities(buildCapabilities())
        .profile(PlatformProfile.MAPLEVERSE)
        .build();
  }

  static PlatformMetadata buildMetadata() {
    return PlatformMetadata.builder()
        .name("mapleverse")
        .displayName("Mapleverse")
        .version("0.1.0")
        .description("High-throughput AI agent platform for MapleAI Intelligence")
        .author("MapleAI")
        .license("Proprietary")
        .homepage("https://mapleai.io")
        .repository("https://github.com/mapleai/mapleverse")
        .documentation("https://docs.mapleai.io/mapleverse")
        .keywords(List.of("ai", "agents", "high-throughput", "scalable"))
        .compatibility(
            CompatibilityInfo.builder()
                .requiredFeatures(List.of("live_migration", "hot_reload"))
                .optionalFeatures(List.of("gpu_acceleration"))
                .build())
        .createdAt(PRESET_TIMESTAMP)
        .updatedAt(PRESET_TIMESTAMP)
        .build();
  }

  static PlatformPolicyConfig buildPolicy() {
    return new PlatformPolicyConfig(
        HumanApprovalConfig.builder()
            // Throughput first: no operation waits for a human, only very large scale-ups do.
            .alwaysRequired(List.of())
            .thresholdRequired(List.of(new ThresholdApproval("scale", "instance_count", 100)))
            .approvalTimeoutSecs(300)
            .allowAutoApproval(true)
            .build(),
        new OperationLimits(500, 100, 100, 300),
        SafetyHoldsConfig.builder().enabled(false).build(),
        new AccountabilityConfig(false, false, List.of()));
  }

  static PlatformHealthConfig buildHealth() {
    return PlatformHealthConfig.builder()
        .checkIntervalSecs(15)
        .failureThreshold(5)
        .successThreshold(1)
        .probes(
            ProbeConfigs.builder()
                .liveness(new ProbeSettings(true, 2, 5, 5, 1))
                .readiness(new ProbeSettings(true, 2, 5, 3, 1))
                .startup(new ProbeSettings(true, 10, 5, 30, 1))
                .build())
        // Continuity checks cost throughput, so Mapleverse skips them.
        .resonance(new ResonanceHealthConfig(true, true, true, false, 0.95, 0.9))
        .build();
  }

  static PlatformStateConfig buildState() {
    return new PlatformStateConfig(
        new CheckpointConfig(true, 60, 524_288_000L, CompressionAlgorithm.LZ4, true, 5),
        new RetentionConfig(3, 30, 7, true, 0),
        new MigrationConfig(true, 120, 10, 0.95, false),
        SerializationConfig.builder()
            .format(SerializationFormat.BINCODE)
            .encryptAtRest(false)
            .verifyIntegrity(false)
            .integrityAlgorithm(IntegrityAlgorithm.SHA256)
            .build());
  }

  static PlatformResourceConfig buildResources() {
    return new PlatformResourceConfig(
        new ResourceDefaults(1000, 2048, 2048, 50_000, 0.0, 500),
        new ResourceLimits(16_000, 65_536, 102_400, 256_000, 524_288, 1_000_000, 0.5),
        new ScalingConfig(true, true, 2, 500, 0.6, 0.2, 30, 120, ScalingMetric.REQUEST_RATE),
        AffinityConfig.builder()
            .preferredLabels(Map.of("tier", "compute"))
            .topologySpread(new TopologySpread(true, 3, "zone", TopologyPolicy.SCHEDULE_ANYWAY))
            .zoneAware(true)
            .build());
  }

  static PlatformRecoveryConfig buildRecovery() {
    return new PlatformRecoveryConfig(
        new AutoRecoveryConfig(
            true,
            5,
            new BackoffConfig(500, 10_000, 1.5, true),
            List.of(
                new RecoveryAction("restart", RecoveryActionType.RESTART, 1, List.of(), Map.of()),
                new RecoveryAction(
                    "migrate", RecoveryActionType.MIGRATE, 2, List.of("node_unhealthy"), Map.of()),
                new RecoveryAction(
                    "scale_up", RecoveryActionType.SCALE_UP, 3, List.of("overloaded"), Map.of())),
            120),
        new EscalationConfig(
            true,
            List.of(new EscalationLevel("L1", 1, 3, 300, List.of("notify"), List.of("oncall"))),
            List.of()),
        new CircuitBreakerConfig(true, 10, 3, 30, 15, 5),
        new DegradationConfig(
            true,
            List.of(
                new DegradationLevel("level1", 0.8, List.of("analytics"), 90),
                new DegradationLevel(
                    "level2", 0.9, List.of("analytics", "non_critical_features"), 70)),
            List.of(new DegradableFeature("analytics", 1, 0.1))));
  }

  static PlatformCapabilities buildCapabilities() {
    return PlatformCapabilities.builder()
        .maxDeployments(1000)
        .maxInstancesPerDeployment(500)
        // Changed from the preset's 10000 to 100000, the tutorial's High-Throughput pattern: the
        // Mapleverse conformance test requires at least 100k instances, and the preset failed it.
        .maxTotalInstances(100_000)
        .supportsMigration(true)
        .supportsHotReload(true)
        .supportsCanary(true)
        .supportsBlueGreen(true)
        .supportsHumanApproval(false)
        .supportsCheckpoints(true)
        .supportsCrossNodeMigration(true)
        .build();
  }
}
