package dev.palm.packs.conformance;

import static dev.palm.packs.conformance.Packs.withMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.packs.PackError;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Core and Behavioral tests fail (or warn) for exactly the documented reasons. */
class CoreAndBehavioralTestsTest {

  private final ConformanceRunner runner = new ConformanceRunner(new ConformanceConfig());

  private TestResult run(PlatformPack pack, String test) {
    return runner.run(pack).result(test).orElseThrow();
  }

  @Test
  void metadataCompletenessJoinsEveryMissingField() {
    PlatformPack pack =
        withMetadata(
            new MapleversePack(),
            m ->
                m.name("")
                    .version("")
                    .compatibility(
                        new MapleversePack()
                            .metadata().compatibility().toBuilder().minPalmVersion("").build()));

    TestResult result = run(pack, "metadata_completeness");

    assertThat(result.error())
        .contains(
            "metadata.name is empty; metadata.version is empty; metadata.min_palm_version is empty");
  }

  @Test
  void metadataCompletenessNamesTheSingleMissingField() {
    assertThat(
            run(withMetadata(new MapleversePack(), m -> m.version("")), "metadata_completeness")
                .error())
        .contains("metadata.version is empty");
  }

  @Test
  void configValidityFailsWithTheValidationErrorsJoined() {
    PlatformPack defaults = PlatformPackConfig.defaults().toPack();

    TestResult result = run(defaults, "config_validity");

    assertThat(result.status()).isEqualTo(TestStatus.FAILED);
    assertThat(result.error())
        .contains(
            "Auto checkpoint is enabled (state.checkpoint.auto_checkpoint) but"
                + " capabilities.supports_checkpoints is false; set one of them to match the other");

    PlatformPack twoErrors =
        Packs.withResources(
            defaults,
            r ->
                r.toBuilder()
                    .scaling(r.scaling().toBuilder().minInstances(20).maxInstances(10).build())
                    .build());
    assertThat(run(twoErrors, "config_validity").error().orElseThrow())
        .startsWith("Minimum instances cannot exceed maximum instances")
        .contains("; Auto checkpoint is enabled");
  }

  @Test
  void configValidityPassesWithEveryWarningMessage() {
    PlatformPack warned =
        Packs.withPolicy(
            new MapleversePack(),
            p ->
                p.toBuilder().limits(p.limits().toBuilder().rateLimitPerMinute(0).build()).build());

    TestResult result = run(warned, "config_validity");

    assertThat(result.status()).isEqualTo(TestStatus.PASSED);
    assertThat(result.warnings())
        .containsExactly(
            "policy.limits.rate_limit_per_minute is 0, which will block all operations");
  }

  @Test
  void capabilityConsistencyReportsEachMismatch() {
    PlatformPack pack =
        Packs.withPolicy(
            Packs.withCapabilities(
                new MapleversePack(), c -> c.supportsMigration(false).supportsCheckpoints(false)),
            p ->
                p.toBuilder()
                    .humanApproval(
                        p.humanApproval().toBuilder()
                            .alwaysRequired(List.of("delete_deployment"))
                            .build())
                    .build());

    assertThat(run(pack, "capability_consistency").error())
        .contains(
            "Migration enabled in config but not in capabilities; "
                + "Auto-checkpoint enabled but checkpoints not supported; "
                + "Human approval required but not supported");
  }

  @Test
  void lifecycleCallbacksReportTheFailingCallback() {
    PlatformPack failingLoad =
        Packs.scripted(
            new MapleversePack(),
            () -> {
              throw new PackException(PackError.PLATFORM, "database unreachable");
            },
            Packs::nothing,
            Packs::accept);
    PlatformPack failingUnload =
        Packs.scripted(
            new MapleversePack(),
            Packs::nothing,
            () -> {
              throw new PackException(PackError.IO, "cannot flush buffers");
            },
            Packs::accept);

    assertThat(run(failingLoad, "lifecycle_callbacks").error())
        .contains("on_load failed: database unreachable");
    assertThat(run(failingUnload, "lifecycle_callbacks").error())
        .contains("on_unload failed: cannot flush buffers");
  }

  @Test
  void lifecycleCallbacksCallLoadThenUnload() {
    StringBuilder calls = new StringBuilder();
    PlatformPack pack =
        Packs.scripted(
            new MapleversePack(),
            () -> calls.append("load "),
            () -> calls.append("unload"),
            Packs::accept);

    assertThat(run(pack, "lifecycle_callbacks").isPassed()).isTrue();
    assertThat(calls).hasToString("load unload");
  }

  @Test
  void profileMatchesAlwaysPassesButWarnsWhenNameAndProfileDiffer() {
    TestResult result =
        run(withMetadata(new MapleversePack(), m -> m.name("swarm")), "profile_matches");

    assertThat(result.status()).isEqualTo(TestStatus.PASSED);
    assertThat(result.warnings())
        .containsExactly("Profile Mapleverse may not match metadata name 'swarm'");

    TestResult ibank = run(withMetadata(new IBankPack(), m -> m.name("ledger")), "profile_matches");
    assertThat(ibank.warnings())
        .containsExactly("Profile IBank may not match metadata name 'ledger'");

    // Either containing the other is a match: "mapleverse-eu" contains "mapleverse".
    assertThat(
            run(withMetadata(new MapleversePack(), m -> m.name("Mapleverse-EU")), "profile_matches")
                .warnings())
        .isEmpty();
  }

  @Test
  void agentSpecValidationAlwaysPassesAndRecordsARejection() {
    PlatformPack rejecting =
        Packs.scripted(
            new MapleversePack(),
            Packs::nothing,
            Packs::nothing,
            spec -> {
              throw new PackException(
                  PackError.INCOMPATIBLE_SPEC, "agent " + spec.name() + " needs a GPU");
            });
    StringBuilder seen = new StringBuilder();
    PlatformPack recording =
        Packs.scripted(
            new MapleversePack(),
            Packs::nothing,
            Packs::nothing,
            spec -> seen.append(spec.name()).append('@').append(spec.version()));

    TestResult rejected = run(rejecting, "agent_spec_validation");
    TestResult accepted = run(recording, "agent_spec_validation");

    assertThat(rejected.status()).isEqualTo(TestStatus.PASSED);
    assertThat(rejected.details())
        .containsEntry("validation_result", "Rejected: agent test-agent needs a GPU");
    assertThat(accepted.details()).isEmpty();
    assertThat(seen).hasToString("test-agent@1.0.0");
  }

  @Test
  void resourceLimitsFailWhenDefaultsExceedTheMaxima() {
    PlatformPack pack =
        Packs.withResources(
            new MapleversePack(),
            r ->
                r.toBuilder()
                    .defaults(
                        r.defaults().toBuilder()
                            .cpuMillicores(r.limits().maxCpuMillicores() + 1)
                            .memoryMb(r.limits().maxMemoryMb() + 1)
                            .build())
                    .build());

    assertThat(run(pack, "resource_limits").error())
        .contains("Default CPU exceeds max limit; Default memory exceeds max limit");
  }

  @Test
  void anExceptionThrownByThePackFailsOnlyTheTestThatHitIt() {
    PlatformPack base = new MapleversePack();
    PlatformPack broken =
        new PlatformPack() {
          @Override
          public dev.palm.packs.PlatformProfile profile() {
            return base.profile();
          }

          @Override
          public dev.palm.packs.PlatformMetadata metadata() {
            return base.metadata();
          }

          @Override
          public dev.palm.packs.PlatformPolicyConfig policyConfig() {
            return base.policyConfig();
          }

          @Override
          public dev.palm.packs.PlatformHealthConfig healthConfig() {
            return base.healthConfig();
          }

          @Override
          public dev.palm.packs.PlatformStateConfig stateConfig() {
            return base.stateConfig();
          }

          @Override
          public dev.palm.packs.PlatformResourceConfig resourceConfig() {
            throw new IllegalStateException("resources not configured yet");
          }

          @Override
          public dev.palm.packs.PlatformRecoveryConfig recoveryConfig() {
            return base.recoveryConfig();
          }

          @Override
          public PlatformCapabilities capabilities() {
            return base.capabilities();
          }
        };

    ConformanceReport report = runner.run(broken);

    assertThat(report.result("resource_limits").orElseThrow().error())
        .contains("Test threw IllegalStateException: resources not configured yet");
    assertThat(report.result("config_validity").orElseThrow().isFailed()).isTrue();
    assertThat(report.result("metadata_completeness").orElseThrow().isPassed()).isTrue();
    assertThat(report.result("mapleverse_fast_recovery").orElseThrow().isPassed()).isTrue();
  }
}
