package dev.palm.packs.conformance;

import static dev.palm.packs.conformance.Packs.withCapabilities;
import static dev.palm.packs.conformance.Packs.withPolicy;
import static dev.palm.packs.conformance.Packs.withRecovery;
import static dev.palm.packs.conformance.Packs.withState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.RecoveryAction;
import dev.palm.packs.RecoveryActionType;
import dev.palm.packs.canonical.FinalversePack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each platform-specific test fails, with its documented message, on a canonical pack changed to
 * break it.
 */
class PlatformSpecificTestsTest {

  private static final ConformanceRunner RUNNER = new ConformanceRunner(new ConformanceConfig());

  private static Arguments fails(String test, PlatformPack pack, String message) {
    return Arguments.of(test, pack, message);
  }

  static Stream<Arguments> brokenPacks() {
    PlatformPack maple = new MapleversePack();
    PlatformPack fin = new FinalversePack();
    PlatformPack bank = new IBankPack();
    return Stream.of(
        // Mapleverse
        fails(
            "mapleverse_throughput_config",
            withCapabilities(maple, c -> c.maxTotalInstances(10_000)),
            "Mapleverse should support >100k instances, got 10000"),
        fails(
            "mapleverse_throughput_config",
            withPolicy(
                maple,
                p ->
                    p.toBuilder()
                        .limits(p.limits().toBuilder().rateLimitPerMinute(99).build())
                        .build()),
            "Mapleverse should have high rate limit, got 99"),
        fails(
            "mapleverse_throughput_config",
            withPolicy(
                withCapabilities(maple, c -> c.maxTotalInstances(500)),
                p ->
                    p.toBuilder()
                        .limits(p.limits().toBuilder().rateLimitPerMinute(60).build())
                        .build()),
            "Mapleverse should support >100k instances, got 500; Mapleverse should have high rate limit, got 60"),
        fails(
            "mapleverse_no_human_approval",
            withCapabilities(maple, c -> c.supportsHumanApproval(true)),
            "Mapleverse should not support human approval"),
        fails(
            "mapleverse_no_human_approval",
            withPolicy(
                maple,
                p ->
                    p.toBuilder()
                        .humanApproval(
                            p.humanApproval().toBuilder().alwaysRequired(List.of("scale")).build())
                        .build()),
            "Mapleverse should not require human approval"),
        fails(
            "mapleverse_fast_recovery",
            withRecovery(
                maple,
                r ->
                    r.toBuilder()
                        .autoRecovery(r.autoRecovery().toBuilder().maxAttempts(4).build())
                        .build()),
            "Mapleverse should allow many recovery attempts, got 4"),
        // Finalverse
        fails(
            "finalverse_human_approval",
            withCapabilities(fin, c -> c.supportsHumanApproval(false)),
            "Finalverse must support human approval"),
        fails(
            "finalverse_human_approval",
            withPolicy(
                fin,
                p ->
                    p.toBuilder()
                        .humanApproval(
                            p.humanApproval().toBuilder().alwaysRequired(List.of()).build())
                        .build()),
            "Finalverse must require human approval for destructive operations"),
        fails(
            "finalverse_safety_holds",
            withPolicy(
                fin,
                p ->
                    p.toBuilder()
                        .safetyHolds(p.safetyHolds().toBuilder().enabled(false).build())
                        .build()),
            "Finalverse must have safety holds enabled"),
        fails(
            "finalverse_safety_holds",
            withPolicy(
                fin,
                p ->
                    p.toBuilder()
                        .safetyHolds(
                            p.safetyHolds().toBuilder().blockedOperations(List.of()).build())
                        .build()),
            "Finalverse must block operations during safety hold"),
        fails(
            "finalverse_conservative_recovery",
            withRecovery(
                fin,
                r ->
                    r.toBuilder()
                        .autoRecovery(r.autoRecovery().toBuilder().maxAttempts(6).build())
                        .build()),
            "Finalverse should have conservative recovery attempts, got 6"),
        // iBank
        fails(
            "ibank_accountability",
            withPolicy(
                bank,
                p ->
                    p.toBuilder()
                        .accountability(p.accountability().toBuilder().requireProof(false).build())
                        .build()),
            "iBank must require accountability proof"),
        fails(
            "ibank_accountability",
            withPolicy(
                bank,
                p ->
                    p.toBuilder()
                        .accountability(
                            p.accountability().toBuilder().requirePreAudit(false).build())
                        .build()),
            "iBank must require pre-audit entries"),
        fails(
            "ibank_accountability",
            withPolicy(
                bank,
                p ->
                    p.toBuilder()
                        .accountability(
                            p.accountability().toBuilder()
                                .reconciliationRequired(List.of())
                                .build())
                        .build()),
            "iBank must have reconciliation requirements"),
        fails(
            "ibank_no_force_operations",
            withPolicy(
                bank,
                p ->
                    p.toBuilder()
                        .safetyHolds(p.safetyHolds().toBuilder().enabled(false).build())
                        .build()),
            "iBank must have safety holds enabled"),
        fails(
            "ibank_no_force_operations",
            withPolicy(
                bank,
                p ->
                    p.toBuilder()
                        .safetyHolds(
                            p.safetyHolds().toBuilder()
                                .blockedOperations(
                                    without(p.safetyHolds().blockedOperations(), "force_recovery"))
                                .build())
                        .build()),
            "iBank must block force_recovery operation"),
        fails(
            "ibank_no_force_operations",
            withPolicy(
                bank,
                p ->
                    p.toBuilder()
                        .safetyHolds(
                            p.safetyHolds().toBuilder()
                                .blockedOperations(
                                    without(p.safetyHolds().blockedOperations(), "force_restart"))
                                .build())
                        .build()),
            "iBank must block force_restart operation"),
        fails(
            "ibank_no_force_operations",
            withPolicy(
                bank,
                p ->
                    p.toBuilder()
                        .safetyHolds(
                            p.safetyHolds().toBuilder().autoReleaseAfterSecs(3600L).build())
                        .build()),
            "iBank safety holds should never auto-release"),
        fails(
            "ibank_audit_retention",
            withState(
                bank,
                s ->
                    s.toBuilder()
                        .retention(
                            s.retention().toBuilder()
                                .auditRetentionDays(2554)
                                .autoCleanup(true)
                                .build())
                        .build()),
            "iBank must retain audit logs for at least 2555 days (7 years) or forever"
                + " (auto_cleanup: false), got 2554 days"),
        fails(
            "ibank_no_live_migration",
            Packs.withCapabilities(bank, c -> c.supportsMigration(true)),
            "iBank must not support live migration (capabilities.supports_migration is true)"),
        fails(
            "ibank_audit_retention",
            withState(
                bank,
                s ->
                    s.toBuilder()
                        .retention(s.retention().toBuilder().checkpointRetentionDays(29).build())
                        .build()),
            "iBank should keep checkpoints longer, got 29 days"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("brokenPacks")
  void brokenPackFailsThePlatformTestWithTheDocumentedMessage(
      String test, PlatformPack pack, String message) {
    ConformanceReport report = RUNNER.run(pack);

    TestResult result = report.result(test).orElseThrow();
    assertThat(result.status()).isEqualTo(TestStatus.FAILED);
    assertThat(result.error()).contains(message);
    assertThat(report.results(TestCategory.PLATFORM_SPECIFIC)).contains(result);
    assertThat(report.isConformant()).isFalse();
    // The other tests of the profile are unaffected by the change.
    assertThat(report.results(TestCategory.PLATFORM_SPECIFIC))
        .filteredOn(other -> !other.name().equals(test))
        .allSatisfy(other -> assertThat(other.status()).isEqualTo(TestStatus.PASSED));
  }

  @Test
  void mapleverseWithoutAnInstanceLimitSatisfiesTheThroughputRule() {
    PlatformPack unbounded =
        withCapabilities(new MapleversePack(), c -> c.maxTotalInstances(Optional.empty()));

    ConformanceReport report = RUNNER.run(unbounded);

    assertThat(report.result("mapleverse_throughput_config").orElseThrow().isPassed()).isTrue();
    assertThat(report.isConformant()).isTrue();
  }

  @Test
  void finalverseWithoutCheckpointRestorePassesWithAWarning() {
    PlatformPack noRestore =
        withRecovery(
            new FinalversePack(),
            r ->
                r.toBuilder()
                    .autoRecovery(
                        r.autoRecovery().toBuilder()
                            .recoveryActions(
                                List.of(
                                    RecoveryAction.builder()
                                        .name("restart")
                                        .actionType(RecoveryActionType.RESTART)
                                        .order(1)
                                        .build()))
                            .build())
                    .build());

    ConformanceReport report = RUNNER.run(noRestore);

    TestResult result = report.result("finalverse_conservative_recovery").orElseThrow();
    assertThat(result.status()).isEqualTo(TestStatus.PASSED);
    assertThat(result.warnings())
        .containsExactly("Finalverse should include checkpoint restore in recovery actions");
    assertThat(report.isConformant()).isTrue();
  }

  @Test
  void developmentAndCustomProfilesSkipPlatformTestsWithAWarning() {
    for (PlatformProfile profile :
        List.of(PlatformProfile.DEVELOPMENT, PlatformProfile.custom("acme"))) {
      ConformanceReport report = RUNNER.run(Packs.withProfile(new MapleversePack(), profile));

      assertThat(report.results(TestCategory.PLATFORM_SPECIFIC))
          .singleElement()
          .satisfies(
              result -> {
                assertThat(result.name()).isEqualTo("platform_specific");
                assertThat(result.status()).isEqualTo(TestStatus.SKIPPED);
                assertThat(result.warnings())
                    .containsExactly("No platform-specific tests for this profile");
                assertThat(result.duration()).isZero();
              });
      // Skipped tests do not make a pack non-conformant.
      assertThat(report.isConformant()).isTrue();
      assertThat(report.summary()).isEqualTo(new ReportSummary(8, 7, 0, 1, true));
    }
  }

  private static List<String> without(List<String> operations, String removed) {
    return operations.stream().filter(op -> !op.equals(removed)).toList();
  }
}
