package dev.palm.packs.conformance;

import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPolicyConfig;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.PlatformRecoveryConfig;
import dev.palm.packs.PlatformStateConfig;
import dev.palm.packs.RecoveryActionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Platform-Specific category of docs/pack-contract.md §5.2: the rules each canonical profile
 * promises.
 */
final class PlatformTests {

  /** Name of the single skipped result of a profile without platform tests. */
  static final String SKIPPED_NAME = "platform_specific";

  /** Reason of that skipped result. */
  static final String SKIPPED_REASON = "No platform-specific tests for this profile";

  private PlatformTests() {}

  /** The tests of {@code profile}; empty for Development and custom profiles, which have none. */
  static Optional<List<ConformanceCheck>> forProfile(PlatformProfile profile) {
    if (Profiles.isMapleverse(profile)) {
      return Optional.of(
          List.of(
              test("mapleverse_throughput_config", PlatformTests::mapleverseThroughputConfig),
              test("mapleverse_no_human_approval", PlatformTests::mapleverseNoHumanApproval),
              test("mapleverse_fast_recovery", PlatformTests::mapleverseFastRecovery)));
    }
    if (Profiles.isFinalverse(profile)) {
      return Optional.of(
          List.of(
              test("finalverse_human_approval", PlatformTests::finalverseHumanApproval),
              test("finalverse_safety_holds", PlatformTests::finalverseSafetyHolds),
              test(
                  "finalverse_conservative_recovery",
                  PlatformTests::finalverseConservativeRecovery)));
    }
    if (Profiles.isIBank(profile)) {
      return Optional.of(
          List.of(
              test("ibank_accountability", PlatformTests::ibankAccountability),
              test("ibank_no_force_operations", PlatformTests::ibankNoForceOperations),
              test("ibank_audit_retention", PlatformTests::ibankAuditRetention),
              test("ibank_no_live_migration", PlatformTests::ibankNoLiveMigration)));
    }
    return Optional.empty();
  }

  private static ConformanceCheck test(String name, ConformanceCheck.Body body) {
    return new ConformanceCheck(name, TestCategory.PLATFORM_SPECIFIC, body);
  }

  // Mapleverse: throughput first.

  static CheckOutcome mapleverseThroughputConfig(PlatformPack pack) {
    PlatformCapabilities caps = pack.capabilities();
    PlatformPolicyConfig policy = pack.policyConfig();
    List<String> errors = new ArrayList<>();
    // An unbounded pack (no max_total_instances) satisfies the rule, as in the original.
    caps.maxTotalInstances()
        .filter(max -> max < 100_000)
        .ifPresent(max -> errors.add("Mapleverse should support >100k instances, got " + max));
    if (policy.limits().rateLimitPerMinute() < 100) {
      errors.add(
          "Mapleverse should have high rate limit, got " + policy.limits().rateLimitPerMinute());
    }
    return CheckOutcome.failIfAny(errors);
  }

  static CheckOutcome mapleverseNoHumanApproval(PlatformPack pack) {
    if (pack.capabilities().supportsHumanApproval()) {
      return CheckOutcome.fail("Mapleverse should not support human approval");
    }
    if (!pack.policyConfig().humanApproval().alwaysRequired().isEmpty()) {
      return CheckOutcome.fail("Mapleverse should not require human approval");
    }
    return CheckOutcome.pass();
  }

  static CheckOutcome mapleverseFastRecovery(PlatformPack pack) {
    int attempts = pack.recoveryConfig().autoRecovery().maxAttempts();
    if (attempts < 5) {
      return CheckOutcome.fail("Mapleverse should allow many recovery attempts, got " + attempts);
    }
    return CheckOutcome.pass();
  }

  // Finalverse: safety first.

  static CheckOutcome finalverseHumanApproval(PlatformPack pack) {
    if (!pack.capabilities().supportsHumanApproval()) {
      return CheckOutcome.fail("Finalverse must support human approval");
    }
    if (pack.policyConfig().humanApproval().alwaysRequired().isEmpty()) {
      return CheckOutcome.fail("Finalverse must require human approval for destructive operations");
    }
    return CheckOutcome.pass();
  }

  static CheckOutcome finalverseSafetyHolds(PlatformPack pack) {
    PlatformPolicyConfig policy = pack.policyConfig();
    if (!policy.safetyHolds().enabled()) {
      return CheckOutcome.fail("Finalverse must have safety holds enabled");
    }
    if (policy.safetyHolds().blockedOperations().isEmpty()) {
      return CheckOutcome.fail("Finalverse must block operations during safety hold");
    }
    return CheckOutcome.pass();
  }

  static CheckOutcome finalverseConservativeRecovery(PlatformPack pack) {
    PlatformRecoveryConfig recovery = pack.recoveryConfig();
    int attempts = recovery.autoRecovery().maxAttempts();
    if (attempts > 5) {
      return CheckOutcome.fail(
          "Finalverse should have conservative recovery attempts, got " + attempts);
    }
    boolean restoresCheckpoints =
        recovery.autoRecovery().recoveryActions().stream()
            .anyMatch(action -> RecoveryActionType.RESTORE_CHECKPOINT.equals(action.actionType()));
    if (!restoresCheckpoints) {
      return CheckOutcome.pass()
          .withWarning("Finalverse should include checkpoint restore in recovery actions");
    }
    return CheckOutcome.pass();
  }

  // iBank: accountability above all.

  static CheckOutcome ibankAccountability(PlatformPack pack) {
    var accountability = pack.policyConfig().accountability();
    if (!accountability.requireProof()) {
      return CheckOutcome.fail("iBank must require accountability proof");
    }
    if (!accountability.requirePreAudit()) {
      return CheckOutcome.fail("iBank must require pre-audit entries");
    }
    if (accountability.reconciliationRequired().isEmpty()) {
      return CheckOutcome.fail("iBank must have reconciliation requirements");
    }
    return CheckOutcome.pass();
  }

  static CheckOutcome ibankNoForceOperations(PlatformPack pack) {
    var holds = pack.policyConfig().safetyHolds();
    if (!holds.enabled()) {
      return CheckOutcome.fail("iBank must have safety holds enabled");
    }
    for (String op : List.of("force_recovery", "force_restart")) {
      if (!holds.blockedOperations().contains(op)) {
        return CheckOutcome.fail("iBank must block " + op + " operation");
      }
    }
    if (holds.autoReleaseAfterSecs().isPresent()) {
      return CheckOutcome.fail("iBank safety holds should never auto-release");
    }
    return CheckOutcome.pass();
  }

  /**
   * A bank keeps its audit trail seven years (2555 days) or forever ({@code auto_cleanup: false}).
   */
  static final int IBANK_AUDIT_DAYS = 2555;

  static CheckOutcome ibankAuditRetention(PlatformPack pack) {
    PlatformStateConfig state = pack.stateConfig();
    int auditDays = state.retention().auditRetentionDays();
    if (state.retention().autoCleanup() && auditDays < IBANK_AUDIT_DAYS) {
      return CheckOutcome.fail(
          "iBank must retain audit logs for at least "
              + IBANK_AUDIT_DAYS
              + " days (7 years) or forever (auto_cleanup: false), got "
              + auditDays
              + " days");
    }
    int checkpointDays = state.retention().checkpointRetentionDays();
    if (checkpointDays < 30) {
      return CheckOutcome.fail(
          "iBank should keep checkpoints longer, got " + checkpointDays + " days");
    }
    return CheckOutcome.pass();
  }

  static CheckOutcome ibankNoLiveMigration(PlatformPack pack) {
    if (pack.capabilities().supportsMigration()) {
      return CheckOutcome.fail(
          "iBank must not support live migration (capabilities.supports_migration is true)");
    }
    return CheckOutcome.pass();
  }
}
