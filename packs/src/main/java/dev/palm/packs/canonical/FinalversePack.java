package dev.palm.packs.canonical;

import dev.palm.packs.AccountabilityConfig;
import dev.palm.packs.AffinityConfig;
import dev.palm.packs.AutoRecoveryConfig;
import dev.palm.packs.BackoffConfig;
import dev.palm.packs.CheckpointConfig;
import dev.palm.packs.CircuitBreakerConfig;
import dev.palm.packs.CompatibilityInfo;
import dev.palm.packs.CompressionAlgorithm;
import dev.palm.packs.DegradationConfig;
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
 * The Finalverse pack: human-centric world simulation with safety first: human approval for
 * destructive operations, safety holds, conservative and checkpoint-first recovery
 * (docs/pack-contract.md §3, column "finalverse").
 */
public final class FinalversePack extends CanonicalPack {

  /** Creates the pack with its preset configuration. */
  public FinalversePack() {
    super(presetConfig());
  }

  /** Returns a new Finalverse pack. */
  public static FinalversePack finalverse() {
    return new FinalversePack();
  }

  /** Returns the preset configuration of the Finalverse pack. */
  public static PlatformPackConfig presetConfig() {
    return PlatformPackConfig.builder()
        .metadata(buildMetadata())
        .policy(buildPolicy())
        .health(buildHealth())
        .state(buildState())
        .resources(buildResources())
        .recovery(buildRecovery())
        .capabilities(buildCapabilities())
        .profile(PlatformProfile.FINALVERSE)
        .build();
  }

  static PlatformMetadata buildMetadata() {
    return PlatformMetadata.builder()
        .name("finalverse")
        .displayName("Finalverse")
        .version("0.1.0")
        .description("Safety-first AI agent platform with human oversight")
        .author("Finalverse Team")
        .license("Proprietary")
        .homepage("https://finalverse.ai")
        .repository("https://github.com/finalverse/finalverse")
        .documentation("https://docs.finalverse.ai")
        .keywords(List.of("ai", "agents", "safety", "oversight"))
        .compatibility(
            CompatibilityInfo.builder()
                .requiredFeatures(List.of("human_approval", "checkpoints", "audit_logging"))
                .optionalFeatures(List.of("canary_deployments"))
                .build())
        .createdAt(PRESET_TIMESTAMP)
        .updatedAt(PRESET_TIMESTAMP)
        .build();
  }

  static PlatformPolicyConfig buildPolicy() {
    return new PlatformPolicyConfig(
        HumanApprovalConfig.builder()
            // Destructive operations always need a human; larger changes need one above a
            // threshold.
            .alwaysRequired(List.of("delete_deployment", "force_terminate"))
            .thresholdRequired(
                List.of(
                    new ThresholdApproval("scale", "instance_count", 10),
                    new ThresholdApproval("create_deployment", "instance_count", 5)))
            .approvalTimeoutSecs(7200)
            .allowAutoApproval(false)
            .build(),
        new OperationLimits(50, 10, 10, 30),
        SafetyHoldsConfig.builder()
            .enabled(true)
            .blockedOperations(List.of("scale_down", "delete_deployment", "force_terminate"))
            .autoReleaseAfterSecs(3600)
            .build(),
        new AccountabilityConfig(
            true, true, List.of("create_deployment", "scale", "delete_deployment")));
  }

  static PlatformHealthConfig buildHealth() {
    return PlatformHealthConfig.builder()
        .checkIntervalSecs(30)
        .failureThreshold(2)
        .successThreshold(2)
        .probes(
            ProbeConfigs.builder()
                .liveness(new ProbeSettings(true, 10, 15, 2, 2))
                .readiness(new ProbeSettings(true, 10, 15, 2, 2))
                .startup(new ProbeSettings(true, 30, 10, 10, 3))
                .build())
        .resonance(new ResonanceHealthConfig(true, true, true, true, 0.8, 0.7))
        .build();
  }

  static PlatformStateConfig buildState() {
    return new PlatformStateConfig(
        new CheckpointConfig(true, 180, 209_715_200L, CompressionAlgorithm.ZSTD, false, 20),
        new RetentionConfig(30, 365, 90, true, 7),
        new MigrationConfig(true, 600, 2, 0.99, true),
        SerializationConfig.builder()
            .format(SerializationFormat.MESSAGE_PACK)
            .encryptAtRest(true)
            // No key id: it is set by the deployment (hence the MISSING_ENCRYPTION_KEY warning).
            .verifyIntegrity(true)
            .integrityAlgorithm(IntegrityAlgorithm.SHA384)
            .build());
  }

  static PlatformResourceConfig buildResources() {
    return new PlatformResourceConfig(
        new ResourceDefaults(1000, 4096, 4096, 20_000, 0.0, 200),
        new ResourceLimits(8000, 32_768, 51_200, 64_000, 131_072, 500_000, 0.9),
        new ScalingConfig(true, false, 2, 50, 0.7, 0.4, 120, 600, ScalingMetric.CPU_UTILIZATION),
        AffinityConfig.builder()
            .requiredLabels(Map.of("security", "standard"))
            .antiAffinity(List.of("database"))
            .topologySpread(new TopologySpread(true, 1, "zone", TopologyPolicy.DO_NOT_SCHEDULE))
            .zoneAware(true)
            .build());
  }

  static PlatformRecoveryConfig buildRecovery() {
    return new PlatformRecoveryConfig(
        new AutoRecoveryConfig(
            true,
            3,
            new BackoffConfig(2000, 60_000, 2.0, true),
            List.of(
                // Checkpoint first: restoring known-good state is safer than a blind restart.
                new RecoveryAction(
                    "restore_checkpoint",
                    RecoveryActionType.RESTORE_CHECKPOINT,
                    1,
                    List.of(),
                    Map.of()),
                new RecoveryAction(
                    "restart",
                    RecoveryActionType.RESTART,
                    2,
                    List.of("checkpoint_unavailable"),
                    Map.of()),
                new RecoveryAction("notify", RecoveryActionType.NOTIFY, 3, List.of(), Map.of())),
            600),
        new EscalationConfig(
            true,
            List.of(
                new EscalationLevel("L1", 1, 2, 180, List.of("notify"), List.of("team")),
                new EscalationLevel(
                    "L2", 2, 3, 600, List.of("notify", "page"), List.of("oncall", "manager"))),
            List.of()),
        new CircuitBreakerConfig(true, 3, 3, 120, 60, 2),
        DegradationConfig.builder().enabled(false).build());
  }

  static PlatformCapabilities buildCapabilities() {
    return PlatformCapabilities.builder()
        .maxDeployments(100)
        .maxInstancesPerDeployment(50)
        .maxTotalInstances(500)
        .supportsMigration(true)
        .supportsHotReload(false)
        .supportsCanary(true)
        .supportsBlueGreen(true)
        .supportsHumanApproval(true)
        .supportsCheckpoints(true)
        .supportsCrossNodeMigration(false)
        .build();
  }
}
