package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.ActorType;
import dev.palm.events.AuditEventType;
import dev.palm.events.Decision;
import dev.palm.events.HoldAction;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.AccountabilityConfig;
import dev.palm.packs.HumanApprovalConfig;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformMetadata;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.PlatformPackConfigBuilder;
import dev.palm.packs.PlatformPolicyConfig;
import dev.palm.packs.SafetyHoldsConfig;
import dev.palm.streams.operations.ReasonCodes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's three "Common Patterns", each written as in the tutorial ({@code
 * ..Default::default()} for the rest), and the outcomes a platform under them should see.
 */
class TutorialPatternsTest {

  private PolicyHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static PlatformPackConfigBuilder named(String name) {
    return PlatformPackConfig.defaults().toBuilder()
        .metadata(PlatformMetadata.defaults().toBuilder().name(name).build());
  }

  /** High-Throughput (like Mapleverse): big capacity, migration, no human in the loop. */
  static PlatformPack highThroughput() {
    return named("high-throughput")
        .capabilities(
            PlatformCapabilities.defaults().toBuilder()
                .maxTotalInstances(100_000)
                .supportsMigration(true)
                .supportsHotReload(true)
                .supportsHumanApproval(false)
                .build())
        .build()
        .toPack();
  }

  /**
   * Safety-First (like Finalverse): deletes and forced recovery need a human; holds never
   * auto-release.
   */
  static PlatformPack safetyFirst() {
    return named("safety-first")
        .policy(
            PlatformPolicyConfig.defaults().toBuilder()
                .humanApproval(
                    HumanApprovalConfig.defaults().toBuilder()
                        .alwaysRequired(List.of("delete_deployment", "force_recovery"))
                        .build())
                .safetyHolds(
                    SafetyHoldsConfig.defaults().toBuilder()
                        .enabled(true)
                        .autoReleaseAfterSecs(Optional.empty())
                        .build())
                .build())
        .build()
        .toPack();
  }

  /**
   * Accountability (like iBank): pre-audit, forced recovery and restart held until a human releases
   * them.
   */
  static PlatformPack accountability() {
    return named("accountability")
        .policy(
            PlatformPolicyConfig.defaults().toBuilder()
                .accountability(
                    AccountabilityConfig.defaults().toBuilder()
                        .requireProof(true)
                        .requirePreAudit(true)
                        .reconciliationRequired(
                            List.of("create_deployment", "update_deployment", "delete_deployment"))
                        .build())
                .safetyHolds(
                    SafetyHoldsConfig.defaults().toBuilder()
                        .enabled(true)
                        .blockedOperations(List.of("force_recovery", "force_restart"))
                        .autoReleaseAfterSecs(Optional.empty())
                        .build())
                .build())
        .build()
        .toPack();
  }

  @Test
  void highThroughputAllowsEverythingWithinItsLimitsWithoutAHuman() {
    h = new PolicyHarness(List.of(highThroughput()));

    List<PolicyDecision> decisions =
        List.of(
            h.decide(
                h.op("high-throughput", "create_deployment", "swarm")
                    .replicas(5_000)
                    .resources(1, 1, 1, 1)
                    .build()),
            h.decide(h.op("high-throughput", "scale_up", "swarm").instances(50).build()),
            h.decide(
                h.op("high-throughput", "migrate", "swarm").param("target_node", "zone-b").build()),
            h.decide(h.op("high-throughput", "force_recovery", "swarm").build()),
            h.decide(h.op("high-throughput", "delete_deployment", "swarm").build()));

    assertThat(decisions).extracting(PolicyDecision::getDecision).containsOnly(Decision.ALLOWED);
    assertThat(h.approvalRequests("high-throughput")).isEmpty();
    // The default limits still apply: a scale-up by more than max_scale_up 50 is denied.
    h.decide(
        h.op("high-throughput", "create_deployment", "swarm-2")
            .replicas(10)
            .resources(1, 1, 1, 1)
            .build());
    assertThat(
            h.decide(h.op("high-throughput", "scale_up", "swarm-2").instances(51).build())
                .getReasonCodes())
        .containsExactly(ReasonCodes.SCALE_UP_EXCEEDED);
  }

  @Test
  void safetyFirstSendsDeletesAndForcedRecoveryToAHumanAndNeverAutoReleases() {
    h = new PolicyHarness(List.of(safetyFirst()));
    h.establishSmall("safety-first", "web", 2);

    PolicyDecision delete = h.decide(h.op("safety-first", "delete_deployment", "web").build());
    PolicyDecision recovery = h.decide(h.op("safety-first", "force_recovery", "web").build());
    PolicyDecision restart = h.decide(h.op("safety-first", "restart", "web").build());

    assertThat(delete.getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
    assertThat(recovery.getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
    assertThat(restart.getDecision()).isEqualTo(Decision.ALLOWED);
    assertThat(h.approve("safety-first", recovery.getOperationId(), "bob"))
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
    // Nobody answers the delete: after the default approval_timeout_secs (3600) it is denied by the
    // system.
    h.advance(Duration.ofSeconds(3600));
    assertThat(h.decisionsOf("safety-first", delete.getOperationId()))
        .last()
        .extracting(PolicyDecision::getReasonCodes)
        .isEqualTo(List.of(ReasonCodes.APPROVAL_EXPIRED));
    assertThat(h.deployment("safety-first", "web")).isPresent();
  }

  @Test
  void accountabilityPreAuditsEveryOperationAndHoldsForcedActionsUntilAHumanReleasesThem() {
    h = new PolicyHarness(List.of(accountability()));
    h.establishSmall("accountability", "ledger", 2);

    PolicyDecision recovery = h.decide(h.op("accountability", "force_recovery", "ledger").build());
    PolicyDecision restart = h.decide(h.op("accountability", "force_restart", "ledger").build());
    assertThat(recovery.getDecision()).isEqualTo(Decision.HELD);
    assertThat(restart.getDecision()).isEqualTo(Decision.HELD);

    h.advance(Duration.ofDays(365));
    assertThat(h.decisionsOf("accountability", recovery.getOperationId())).hasSize(1);

    assertThat(
            h.release(
                "accountability",
                recovery.getOperationId(),
                "bob",
                ActorType.HUMAN,
                HoldAction.RELEASE))
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
    assertThat(
            h.release(
                "accountability",
                restart.getOperationId(),
                "bob",
                ActorType.HUMAN,
                HoldAction.CANCEL))
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.DENIED);
    assertThat(h.decisionsOnly("accountability"))
        .allSatisfy(
            d ->
                assertThat(h.auditRecord("accountability", d.getPreAuditSequence()).getEventType())
                    .isEqualTo(AuditEventType.OPERATION_RECEIVED));
    assertThat(h.verifyChain("accountability").intact()).isTrue();
  }
}
