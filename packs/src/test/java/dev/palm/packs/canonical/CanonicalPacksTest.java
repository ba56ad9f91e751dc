package dev.palm.packs.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.packs.CompressionAlgorithm;
import dev.palm.packs.CustomProbeConfig;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.packs.OperationLimits;
import dev.palm.packs.PackError;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.ProbeSettings;
import dev.palm.packs.RecoveryAction;
import dev.palm.packs.RecoveryActionType;
import dev.palm.packs.ScalingMetric;
import dev.palm.packs.SerializationFormat;
import dev.palm.packs.ThresholdApproval;
import dev.palm.packs.TopologyPolicy;
import dev.palm.packs.TopologySpread;
import dev.palm.packs.spec.AgentSpec;
import dev.palm.packs.spec.ResourceRequirements;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanonicalPacksTest {

  private final PlatformPack maple = new MapleversePack();
  private final PlatformPack finale = FinalversePack.finalverse();
  private final PlatformPack bank = IBankPack.ibank();

  @Test
  void metadata() {
    assertThat(List.of(maple, finale, bank))
        .extracting(p -> p.metadata().name())
        .containsExactly("mapleverse", "finalverse", "ibank");
    assertThat(List.of(maple, finale, bank))
        .extracting(PlatformPack::profile)
        .containsExactly(
            PlatformProfile.MAPLEVERSE, PlatformProfile.FINALVERSE, PlatformProfile.IBANK);
    assertThat(bank.metadata().displayName()).isEqualTo("iBank");
    assertThat(maple.metadata().description())
        .isEqualTo("High-throughput AI agent platform for MapleAI Intelligence");
    assertThat(finale.metadata().author()).isEqualTo("Finalverse Team");
    assertThat(bank.metadata().license()).isEqualTo("Proprietary");
    assertThat(maple.metadata().documentation()).contains("https://docs.mapleai.io/mapleverse");
    assertThat(bank.metadata().keywords())
        .containsExactly("ai", "agents", "financial", "compliance", "accountability");
    assertThat(bank.metadata().compatibility().requiredFeatures())
        .containsExactly(
            "human_approval",
            "checkpoints",
            "audit_logging",
            "commitment_accounting",
            "integrity_chain");
    assertThat(finale.metadata().compatibility().optionalFeatures())
        .containsExactly("canary_deployments");
    assertThat(bank.metadata().extra()).isEqualTo(Map.of("compliance_level", "PCI-DSS"));
    assertThat(maple.metadata().createdAt()).isEqualTo(CanonicalPack.PRESET_TIMESTAMP);
    assertThat(bank.metadata().compatibility().isCompatibleWithPalm("0.1.0")).isTrue();
  }

  @Test
  void policy() {
    assertThat(maple.policyConfig().humanApproval().thresholdRequired())
        .containsExactly(new ThresholdApproval("scale", "instance_count", 100));
    assertThat(finale.policyConfig().humanApproval().alwaysRequired())
        .containsExactly("delete_deployment", "force_terminate");
    assertThat(bank.policyConfig().humanApproval().approvalTimeoutSecs()).isEqualTo(86_400);
    assertThat(finale.policyConfig().humanApproval().allowAutoApproval()).isFalse();
    assertThat(maple.policyConfig().limits()).isEqualTo(new OperationLimits(500, 100, 100, 300));
    assertThat(finale.policyConfig().limits()).isEqualTo(new OperationLimits(50, 10, 10, 30));
    assertThat(bank.policyConfig().limits()).isEqualTo(new OperationLimits(20, 5, 5, 10));
    assertThat(maple.policyConfig().safetyHolds().enabled()).isFalse();
    assertThat(finale.policyConfig().safetyHolds().autoReleaseAfterSecs()).contains(3600L);
    assertThat(bank.policyConfig().accountability().reconciliationRequired())
        .containsExactly("create_deployment", "scale", "delete_deployment", "rollback", "migrate");
  }

  @Test
  void iBankBlocksForceOperationsAndNeverAutoReleases() {
    // The second change at the top of docs/pack-contract.md: force_recovery and force_restart are
    // held too.
    assertThat(bank.policyConfig().safetyHolds().blockedOperations())
        .containsExactly(
            "scale_down",
            "delete_deployment",
            "force_terminate",
            "rollback",
            "force_recovery",
            "force_restart");
    assertThat(bank.policyConfig().safetyHolds().autoReleaseAfterSecs()).isEmpty();
  }

  @Test
  void mapleverseSupportsAHundredThousandInstances() {
    // The first change at the top of docs/pack-contract.md (the preset said 10000).
    assertThat(maple.capabilities().maxTotalInstances()).contains(100_000);
  }

  @Test
  void health() {
    assertThat(maple.healthConfig().checkIntervalSecs()).isEqualTo(15);
    assertThat(maple.healthConfig().probes().liveness())
        .isEqualTo(new ProbeSettings(true, 2, 5, 5, 1));
    assertThat(finale.healthConfig().probes().startup())
        .contains(new ProbeSettings(true, 30, 10, 10, 3));
    assertThat(bank.healthConfig().probes().custom())
        .containsExactly(
            new CustomProbeConfig(
                "compliance_check",
                "http",
                new ProbeSettings(true, 30, 300, 1, 1),
                Map.of("endpoint", "/health/compliance", "expected_status", 200L)));
    assertThat(maple.healthConfig().resonance().checkContinuity()).isFalse();
    assertThat(bank.healthConfig().resonance().attentionExhaustionThreshold()).isEqualTo(0.7);
    assertThat(finale.healthConfig().resonance().couplingIntensityWarning()).isEqualTo(0.7);
  }

  @Test
  void state() {
    assertThat(maple.stateConfig().checkpoint().compression()).isEqualTo(CompressionAlgorithm.LZ4);
    assertThat(maple.stateConfig().checkpoint().maxSizeBytes()).isEqualTo(524_288_000L);
    assertThat(bank.stateConfig().checkpoint().maxRetained()).isEqualTo(50);
    assertThat(bank.stateConfig().retention().auditRetentionDays()).isEqualTo(2555);
    assertThat(bank.stateConfig().retention().autoCleanup()).isFalse();
    assertThat(maple.stateConfig().retention().terminatedInstanceRetentionDays()).isZero();
    assertThat(bank.stateConfig().migration().enableLiveMigration()).isFalse();
    assertThat(finale.stateConfig().migration().precopyThreshold()).isEqualTo(0.99);
    assertThat(List.of(maple, finale, bank))
        .extracting(p -> p.stateConfig().serialization().format())
        .containsExactly(
            SerializationFormat.BINCODE,
            SerializationFormat.MESSAGE_PACK,
            SerializationFormat.CBOR);
    assertThat(List.of(maple, finale, bank))
        .extracting(p -> p.stateConfig().serialization().integrityAlgorithm())
        .containsExactly(
            IntegrityAlgorithm.SHA256, IntegrityAlgorithm.SHA384, IntegrityAlgorithm.SHA512);
    assertThat(finale.stateConfig().serialization().encryptAtRest()).isTrue();
    assertThat(finale.stateConfig().serialization().encryptionKeyId()).isEmpty();
    assertThat(maple.stateConfig().serialization().verifyIntegrity()).isFalse();
  }

  @Test
  void resources() {
    assertThat(bank.resourceConfig().defaults().storageMb()).isEqualTo(10_240);
    assertThat(maple.resourceConfig().limits().totalMemoryMb()).isEqualTo(524_288);
    assertThat(bank.resourceConfig().limits().requestLimitRatio()).isEqualTo(1.0);
    assertThat(maple.resourceConfig().scaling().scalingMetric())
        .isEqualTo(ScalingMetric.REQUEST_RATE);
    assertThat(maple.resourceConfig().scaling().enableVertical()).isTrue();
    assertThat(finale.resourceConfig().scaling().scaleDownCooldownSecs()).isEqualTo(600);
    assertThat(bank.resourceConfig().affinity().requiredLabels())
        .isEqualTo(Map.of("security", "pci-dss", "compliance", "financial"));
    assertThat(maple.resourceConfig().affinity().preferredLabels())
        .isEqualTo(Map.of("tier", "compute"));
    assertThat(maple.resourceConfig().affinity().topologySpread())
        .isEqualTo(new TopologySpread(true, 3, "zone", TopologyPolicy.SCHEDULE_ANYWAY));
    assertThat(bank.resourceConfig().affinity().topologySpread().topologyKey()).isEqualTo("rack");
  }

  @Test
  void recovery() {
    assertThat(maple.recoveryConfig().autoRecovery().maxAttempts()).isEqualTo(5);
    assertThat(bank.recoveryConfig().autoRecovery().enabled()).isFalse();
    assertThat(finale.recoveryConfig().autoRecovery().recoveryActions())
        .extracting(RecoveryAction::actionType)
        .containsExactly(
            RecoveryActionType.RESTORE_CHECKPOINT,
            RecoveryActionType.RESTART,
            RecoveryActionType.NOTIFY);
    assertThat(maple.recoveryConfig().autoRecovery().recoveryActions().get(1).conditions())
        .containsExactly("node_unhealthy");
    assertThat(maple.recoveryConfig().autoRecovery().backoff().multiplier()).isEqualTo(1.5);
    assertThat(bank.recoveryConfig().escalation().levels()).hasSize(3);
    assertThat(bank.recoveryConfig().escalation().levels().get(2).recipients())
        .containsExactly("senior_management");
    assertThat(finale.recoveryConfig().circuitBreaker().windowSecs()).isEqualTo(120);
    assertThat(maple.recoveryConfig().degradation().levels().get(1).disableFeatures())
        .containsExactly("analytics", "non_critical_features");
    assertThat(maple.recoveryConfig().degradation().degradableFeatures().get(0).resourceSavings())
        .isEqualTo(0.1);
  }

  @Test
  void capabilities() {
    assertThat(finale.capabilities().maxDeployments()).contains(100);
    assertThat(bank.capabilities().maxInstancesPerDeployment()).contains(20);
    assertThat(bank.capabilities().maxTotalInstances()).contains(200);
    assertThat(maple.capabilities().supportsHumanApproval()).isFalse();
    assertThat(bank.capabilities().supportsMigration()).isFalse();
    assertThat(maple.capabilities().supportsCrossNodeMigration()).isTrue();
  }

  @Test
  void presetsAreReproducible() {
    assertThat(new IBankPack().config()).isEqualTo(IBankPack.presetConfig());
    assertThat(PlatformPackConfig.of(new MapleversePack()))
        .isEqualTo(MapleversePack.presetConfig());
    assertThat(CanonicalPack.all()).hasSize(3);
  }

  @Test
  void canonicalPacksRejectInvalidAgentSpecs() throws PackException {
    AgentSpec valid = AgentSpec.create("agent", "1.0.0");
    bank.validateAgentSpec(valid);
    AgentSpec noSlots =
        valid.withResources(new ResourceRequirements(10, 0, Optional.empty(), Optional.empty()));
    assertThatThrownBy(() -> bank.validateAgentSpec(noSlots))
        .isInstanceOf(PackException.class)
        .hasMessageContaining("coupling_slots must be > 0")
        .extracting(e -> ((PackException) e).kind())
        .isEqualTo(PackError.INCOMPATIBLE_SPEC);
  }
}
