package dev.palm.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContractDefaultsTest {

  @Test
  void metadataDefaultsMatchReference() {
    PlatformMetadata metadata = PlatformMetadata.defaults();
    assertThat(metadata.name()).isEqualTo("unknown");
    assertThat(metadata.displayName()).isEqualTo("Unknown Platform");
    assertThat(metadata.version()).isEqualTo("0.1.0");
    assertThat(metadata.description()).isEqualTo("No description");
    assertThat(metadata.author()).isEqualTo("Unknown");
    assertThat(metadata.license()).isEqualTo("UNLICENSED");
    assertThat(metadata.homepage()).isEmpty();
    assertThat(metadata.repository()).isEmpty();
    assertThat(metadata.documentation()).isEmpty();
    assertThat(metadata.keywords()).isEmpty();
    assertThat(metadata.extra()).isEmpty();
    assertThat(metadata.createdAt()).isNotNull();
    assertThat(metadata.updatedAt()).isNotNull();
    CompatibilityInfo compatibility = metadata.compatibility();
    assertThat(compatibility.minPalmVersion()).isEqualTo("0.1.0");
    assertThat(compatibility.maxPalmVersion()).isEmpty();
    assertThat(compatibility.minResonanceVersion()).isEqualTo("0.1.0");
    assertThat(compatibility.requiredFeatures()).isEmpty();
    assertThat(compatibility.optionalFeatures()).isEmpty();
    assertThat(compatibility.breakingChanges()).isEmpty();
  }

  @Test
  void policyDefaultsMatchReference() {
    PlatformPolicyConfig policy = PlatformPackConfig.defaults().policy();
    assertThat(policy.humanApproval())
        .isEqualTo(new HumanApprovalConfig(List.of(), List.of(), 3600, true));
    assertThat(policy.limits()).isEqualTo(new OperationLimits(100, 50, 50, 60));
    assertThat(policy.safetyHolds())
        .isEqualTo(new SafetyHoldsConfig(false, List.of(), Optional.empty()));
    assertThat(policy.accountability())
        .isEqualTo(new AccountabilityConfig(false, false, List.of()));
  }

  @Test
  void healthDefaultsMatchReference() {
    PlatformHealthConfig health = PlatformPackConfig.defaults().health();
    assertThat(health.checkIntervalSecs()).isEqualTo(30);
    assertThat(health.failureThreshold()).isEqualTo(3);
    assertThat(health.successThreshold()).isEqualTo(1);
    ProbeSettings probe = new ProbeSettings(true, 5, 10, 3, 1);
    assertThat(health.probes().liveness()).isEqualTo(probe);
    assertThat(health.probes().readiness()).isEqualTo(probe);
    assertThat(health.probes().startup()).isEmpty();
    assertThat(health.probes().custom()).isEmpty();
    assertThat(health.resonance())
        .isEqualTo(new ResonanceHealthConfig(true, true, true, true, 0.9, 0.8));
  }

  @Test
  void stateDefaultsMatchReference() {
    PlatformStateConfig state = PlatformPackConfig.defaults().state();
    assertThat(state.checkpoint())
        .isEqualTo(
            new CheckpointConfig(true, 300, 104_857_600L, CompressionAlgorithm.ZSTD, false, 10));
    assertThat(state.retention()).isEqualTo(new RetentionConfig(7, 90, 30, true, 1));
    assertThat(state.migration()).isEqualTo(new MigrationConfig(false, 300, 1, 0.9, true));
    assertThat(state.serialization())
        .isEqualTo(
            new SerializationConfig(
                SerializationFormat.BINCODE,
                false,
                Optional.empty(),
                true,
                IntegrityAlgorithm.SHA256));
  }

  @Test
  void resourceDefaultsMatchReference() {
    PlatformResourceConfig resources = PlatformPackConfig.defaults().resources();
    assertThat(resources).isEqualTo(PlatformResourceConfig.defaultConfig());
    assertThat(resources.defaults())
        .isEqualTo(new ResourceDefaults(500, 512, 1024, 10_000, 0.0, 100));
    assertThat(resources.limits())
        .isEqualTo(new ResourceLimits(4000, 8192, 10_240, 32_000, 65_536, 100_000, 0.8));
    assertThat(resources.scaling())
        .isEqualTo(
            new ScalingConfig(
                true, false, 1, 10, 0.8, 0.3, 60, 300, ScalingMetric.CPU_UTILIZATION));
    assertThat(resources.affinity())
        .isEqualTo(
            new AffinityConfig(
                Map.of(),
                Map.of(),
                List.of(),
                new TopologySpread(false, 0, "", TopologyPolicy.DO_NOT_SCHEDULE),
                false));
  }

  @Test
  void recoveryDefaultsMatchReference() {
    PlatformRecoveryConfig recovery = PlatformPackConfig.defaults().recovery();
    AutoRecoveryConfig auto = recovery.autoRecovery();
    assertThat(auto.enabled()).isTrue();
    assertThat(auto.maxAttempts()).isEqualTo(3);
    assertThat(auto.backoff()).isEqualTo(new BackoffConfig(1000, 30_000, 2.0, true));
    assertThat(auto.recoveryActions())
        .containsExactly(
            new RecoveryAction("restart", RecoveryActionType.RESTART, 1, List.of(), Map.of()));
    assertThat(auto.timeoutSecs()).isEqualTo(300);
    assertThat(recovery.escalation()).isEqualTo(new EscalationConfig(false, List.of(), List.of()));
    assertThat(recovery.circuitBreaker())
        .isEqualTo(new CircuitBreakerConfig(true, 5, 2, 60, 30, 3));
    assertThat(recovery.degradation())
        .isEqualTo(new DegradationConfig(false, List.of(), List.of()));
  }

  @Test
  void capabilitiesAndExtensionsDefaults() {
    PlatformCapabilities capabilities = PlatformPackConfig.defaults().capabilities();
    assertThat(capabilities.maxDeployments()).isEmpty();
    assertThat(capabilities.maxInstancesPerDeployment()).isEmpty();
    assertThat(capabilities.maxTotalInstances()).isEmpty();
    assertThat(
            List.of(
                capabilities.supportsMigration(),
                capabilities.supportsHotReload(),
                capabilities.supportsCanary(),
                capabilities.supportsBlueGreen(),
                capabilities.supportsHumanApproval(),
                capabilities.supportsCheckpoints(),
                capabilities.supportsCrossNodeMigration()))
        .containsOnly(false);
    assertThat(capabilities.custom()).isEmpty();

    PackExtensions extensions = PlatformPackConfig.defaults().extensions();
    assertThat(extensions)
        .isEqualTo(new PackExtensions(List.of(), 1, false, List.of(), 3600, Map.of(), List.of()));
    assertThat(PlatformPackConfig.defaults().profile()).isEmpty();
  }

  @Test
  void elementRecordsHaveDocumentedDefaults() {
    assertThat(NotificationChannel.defaults().minSeverity()).isEqualTo(Severity.WARNING);
    assertThat(CustomProbeConfig.defaults().config()).isEqualTo(Map.of());
    assertThat(DegradationLevel.defaults().capacityPercentage()).isEqualTo(100);
    assertThat(EscalationLevel.defaults().level()).isEqualTo(1);
    assertThat(ThresholdApproval.defaults()).isEqualTo(new ThresholdApproval("", "", 0));
  }

  @Test
  void buildersStartFromDefaultsAndToBuilderKeepsValues() {
    OperationLimits limits = OperationLimits.builder().maxScaleDown(20).build();
    assertThat(limits).isEqualTo(new OperationLimits(100, 50, 20, 60));

    OperationLimits changed = limits.toBuilder().rateLimitPerMinute(5).build();
    assertThat(changed).isEqualTo(new OperationLimits(100, 50, 20, 5));
    assertThat(limits.rateLimitPerMinute()).isEqualTo(60);

    SafetyHoldsConfig holds =
        SafetyHoldsConfig.builder().enabled(true).autoReleaseAfterSecs(3600L).build();
    assertThat(holds.autoReleaseAfterSecs()).contains(3600L);
    assertThat(
            holds.toBuilder().autoReleaseAfterSecs(Optional.empty()).build().autoReleaseAfterSecs())
        .isEmpty();

    PlatformMetadata metadata = PlatformMetadata.builder().homepage("https://example.org").build();
    assertThat(metadata.homepage()).contains("https://example.org");
    assertThat(metadata.toBuilder().homepage((String) null).build().homepage()).isEmpty();
  }

  @Test
  void tutorialProbeConfigNameBuildsProbeSettings() {
    ProbeSettings probe =
        ProbeConfig.builder().enabled(true).timeoutSecs(10).periodSecs(15).build();
    assertThat(probe).isEqualTo(new ProbeSettings(true, 10, 15, 3, 1));
    assertThat(ProbeConfig.defaults()).isEqualTo(ProbeSettings.defaults());
  }

  @Test
  void collectionsAreCopiedAndImmutable() {
    List<String> operations = new ArrayList<>(List.of("delete_deployment"));
    HumanApprovalConfig approval = HumanApprovalConfig.builder().alwaysRequired(operations).build();
    operations.add("scale");
    assertThat(approval.alwaysRequired()).containsExactly("delete_deployment");
    assertThatThrownBy(() -> approval.alwaysRequired().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);

    Map<String, Object> extra = new HashMap<>();
    extra.put("nested", new HashMap<>(Map.of("count", 3)));
    PlatformMetadata metadata = PlatformMetadata.builder().extra(extra).build();
    assertThat(metadata.extra()).isEqualTo(Map.of("nested", Map.of("count", 3L)));
    assertThatThrownBy(() -> metadata.extra().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> nested = (Map<String, Object>) metadata.extra().get("nested");
    assertThatThrownBy(() -> nested.put("y", 2)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nullsBecomeDefaultsOrAreRejectedWithTheFieldName() {
    PlatformPackConfig config =
        new PlatformPackConfig(null, null, null, null, null, null, null, null, null);
    assertThat(config.policy()).isEqualTo(PlatformPolicyConfig.defaults());
    assertThat(config.resources()).isEqualTo(PlatformResourceConfig.defaultConfig());
    assertThat(config.profile()).isEmpty();
    assertThat(new SafetyHoldsConfig(true, null, null).blockedOperations()).isEmpty();

    assertThatThrownBy(() -> PlatformMetadata.builder().name(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("PlatformMetadata.name");
    assertThatThrownBy(
            () -> new HumanApprovalConfig(java.util.Arrays.asList("a", null), null, 1, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("always_required");
  }

  @Test
  void unsignedFieldsRejectNegativeValues() {
    assertThatThrownBy(() -> new OperationLimits(100, -1, 50, 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OperationLimits.max_scale_up")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> PlatformCapabilities.builder().maxTotalInstances(-5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max_total_instances");
  }

  @Test
  void enumsUseTheDocumentedFileSpellings() {
    assertThat(CompressionAlgorithm.parse("lz4")).contains(CompressionAlgorithm.LZ4);
    assertThat(SerializationFormat.MESSAGE_PACK.spelling()).isEqualTo("messagepack");
    assertThat(IntegrityAlgorithm.parse("sha384")).contains(IntegrityAlgorithm.SHA384);
    assertThat(IntegrityAlgorithm.BLAKE3.spelling()).isEqualTo("blake3");
    assertThat(TopologyPolicy.SCHEDULE_ANYWAY.spelling()).isEqualTo("schedule_anyway");
    assertThat(CompressionAlgorithm.parse("zip")).isEmpty();
    assertThat(CompressionAlgorithm.spellings()).isEqualTo("none, gzip, zstd, lz4, snappy");
  }

  @Test
  void openEnumsHaveStandardAndCustomValues() {
    assertThat(ScalingMetric.parse("attention_utilization"))
        .contains(ScalingMetric.ATTENTION_UTILIZATION);
    assertThat(ScalingMetric.parse("custom:gpu_load")).contains(ScalingMetric.custom("gpu_load"));
    assertThat(ScalingMetric.custom("gpu_load").spelling()).isEqualTo("custom:gpu_load");
    assertThat(ScalingMetric.custom("gpu_load").isCustom()).isTrue();
    assertThat(ScalingMetric.CPU_UTILIZATION.isCustom()).isFalse();
    assertThat(RecoveryActionType.parse("restore_checkpoint"))
        .contains(RecoveryActionType.RESTORE_CHECKPOINT);
    assertThat(ChannelType.PAGER_DUTY.spelling()).isEqualTo("pager_duty");
    assertThat(ChannelType.parse("custom:")).isEmpty();
    assertThat(ChannelType.parse("telegram")).isEmpty();
    assertThatThrownBy(() -> RecoveryActionType.custom(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void severityIsOrdered() {
    assertThat(Severity.INFO).isLessThan(Severity.WARNING);
    assertThat(Severity.WARNING).isLessThan(Severity.ERROR);
    assertThat(Severity.ERROR).isLessThan(Severity.CRITICAL);
    assertThat(Severity.ERROR.atLeast(Severity.WARNING)).isTrue();
    assertThat(Severity.INFO.atLeast(Severity.WARNING)).isFalse();
    assertThat(Severity.defaultSeverity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void profilesFollowTheReferenceTable() {
    assertThat(PlatformProfile.MAPLEVERSE.requiresAgencyProtection()).isFalse();
    assertThat(PlatformProfile.FINALVERSE.requiresAgencyProtection()).isTrue();
    assertThat(PlatformProfile.IBANK.requiresAuditTrail()).isTrue();
    assertThat(PlatformProfile.DEVELOPMENT.requiresAuditTrail()).isFalse();
    assertThat(PlatformProfile.IBANK.prefersReversibility()).isTrue();
    assertThat(PlatformProfile.FINALVERSE.prefersReversibility()).isFalse();
    assertThat(PlatformProfile.standardProfiles())
        .extracting(PlatformProfile::defaultHealthTimeout)
        .containsExactly(
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(120),
            Duration.ofSeconds(10));
    assertThat(PlatformProfile.standardProfiles())
        .extracting(PlatformProfile::defaultReplicas)
        .containsExactly(3, 2, 5, 1);
    assertThat(PlatformProfile.standardProfiles())
        .extracting(PlatformProfile::minHealthyRatio)
        .containsExactly(0.5, 0.75, 0.9, 0.0);
    assertThat(PlatformProfile.standardProfiles())
        .extracting(PlatformProfile::toString)
        .containsExactly("mapleverse", "finalverse", "ibank", "development");
  }

  @Test
  void customProfilesAreValuesWithSafeDefaults() {
    PlatformProfile custom = PlatformProfile.custom("my-platform");
    assertThat(custom)
        .isEqualTo(PlatformProfile.custom("my-platform"))
        .isNotEqualTo(PlatformProfile.IBANK);
    assertThat(custom.isCustom()).isTrue();
    assertThat(custom.customName()).contains("my-platform");
    assertThat(custom.toString()).isEqualTo("custom:my-platform");
    assertThat(custom.requiresAuditTrail()).isTrue();
    assertThat(PlatformProfile.parse("custom:my-platform")).contains(custom);
    assertThat(PlatformProfile.parse("IBank")).contains(PlatformProfile.IBANK);
    assertThat(PlatformProfile.parse("bank")).isEmpty();
    assertThat(PlatformProfile.fromPackName("finalverse")).isEqualTo(PlatformProfile.FINALVERSE);
    assertThat(PlatformProfile.fromPackName("acme")).isEqualTo(PlatformProfile.custom("acme"));
    assertThatThrownBy(() -> PlatformProfile.custom(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void packExceptionCarriesItsKind() {
    PackException error =
        new PackException(PackError.UNSUPPORTED_CAPABILITY, "no GPUs", new RuntimeException());
    assertThat(error.kind()).isEqualTo(PackError.UNSUPPORTED_CAPABILITY);
    assertThat(error).hasMessage("no GPUs").hasCauseInstanceOf(RuntimeException.class);
    assertThat(PackError.values())
        .extracting(Enum::name)
        .containsExactly(
            "CONFIG_PARSE",
            "IO",
            "VALIDATION",
            "INCOMPATIBLE_SPEC",
            "UNSUPPORTED_CAPABILITY",
            "PLATFORM");
  }

  @Test
  void configRoundTripsThroughAPack() throws PackException {
    PlatformPackConfig config =
        PlatformPackConfig.builder()
            .metadata(PlatformMetadata.builder().name("acme").build())
            .build();
    PlatformPack pack = config.toPack();
    assertThat(pack.profile()).isEqualTo(PlatformProfile.custom("acme"));
    assertThat(pack.metadata().name()).isEqualTo("acme");
    assertThat(PlatformPackConfig.of(pack)).isEqualTo(config);
    assertThat(config.toBuilder().profile(PlatformProfile.DEVELOPMENT).build().toPack().profile())
        .isEqualTo(PlatformProfile.DEVELOPMENT);
    pack.onLoad();
    pack.onUnload();
  }

  @Test
  void aPackReturningANullConfigIsRefusedNotDefaulted() {
    PlatformPack base = new dev.palm.packs.canonical.IBankPack();
    PlatformPack pack =
        new PlatformPack() {
          @Override
          public PlatformProfile profile() {
            return base.profile();
          }

          @Override
          public PlatformMetadata metadata() {
            return base.metadata();
          }

          @Override
          public PlatformPolicyConfig policyConfig() {
            return null;
          }

          @Override
          public PlatformHealthConfig healthConfig() {
            return base.healthConfig();
          }

          @Override
          public PlatformStateConfig stateConfig() {
            return base.stateConfig();
          }

          @Override
          public PlatformResourceConfig resourceConfig() {
            return base.resourceConfig();
          }

          @Override
          public PlatformRecoveryConfig recoveryConfig() {
            return base.recoveryConfig();
          }

          @Override
          public PlatformCapabilities capabilities() {
            return base.capabilities();
          }
        };
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlatformPackConfig.of(pack))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("returned null from policyConfig()");
  }
}
