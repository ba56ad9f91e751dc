package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.ActorType;
import dev.palm.events.Decision;
import dev.palm.events.HoldAction;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.OperationLimits;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.ResourceLimits;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.packs.canonical.MapleversePack;
import dev.palm.streams.deployments.PackTotals;
import dev.palm.streams.operations.ReasonCodes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Step 5 (limits, capability maxima, resources) and the deployment-state preconditions, for every
 * pack.
 */
class LimitsTest {

  private PolicyHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  static Stream<PlatformPack> packs() {
    return CanonicalPack.all().stream();
  }

  private PolicyHarness start(PlatformPack... packs) {
    h = new PolicyHarness(List.of(packs));
    return h;
  }

  @ParameterizedTest
  @MethodSource("packs")
  void rateLimitPerMinuteDeniesTheOperationOverTheLimit(PlatformPack pack) {
    String p = start(pack).establishSmall(pack.metadata().name(), "dep-1", 2).deploymentId();
    int limit = pack.policyConfig().limits().rateLimitPerMinute();
    for (int i = 0; i < limit; i++) {
      assertThat(h.decide(h.op(name(pack), "restart", p).build()).getDecision())
          .isEqualTo(Decision.ALLOWED);
    }

    PolicyDecision over = h.decide(h.op(name(pack), "restart", p).build());

    assertThat(over.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(over.getReasonCodes()).containsExactly(ReasonCodes.RATE_LIMIT_EXCEEDED);
    assertThat(over.getRuleIds()).containsExactly("limits.rate_limit_per_minute");
    assertThat(over.getMessages().get(0))
        .contains(limit + " operations")
        .contains("rate_limit_per_minute is " + limit);
  }

  @Test
  void theRateWindowSlidesAtExactlySixtySeconds() {
    PlatformPack ibank = CanonicalPack.all().get(2);
    start(ibank).establishSmall("ibank", "dep-1", 3);
    for (int i = 0; i < 5; i++) {
      assertThat(h.decide(h.op("ibank", "restart", "dep-1").build()).getDecision())
          .isEqualTo(Decision.ALLOWED);
    }
    h.advance(Duration.ofSeconds(30));
    for (int i = 0; i < 5; i++) {
      assertThat(h.decide(h.op("ibank", "restart", "dep-1").build()).getDecision())
          .isEqualTo(Decision.ALLOWED);
    }
    h.advance(Duration.ofSeconds(30).minusMillis(1));
    assertThat(h.decide(h.op("ibank", "restart", "dep-1").build()).getReasonCodes())
        .containsExactly(ReasonCodes.RATE_LIMIT_EXCEEDED);

    h.advance(Duration.ofMillis(1));
    // The first five are now exactly 60 s old and out of the window (now - 60 s, now].
    for (int i = 0; i < 5; i++) {
      assertThat(h.decide(h.op("ibank", "restart", "dep-1").build()).getDecision())
          .isEqualTo(Decision.ALLOWED);
    }
    assertThat(h.decide(h.op("ibank", "restart", "dep-1").build()).getReasonCodes())
        .containsExactly(ReasonCodes.RATE_LIMIT_EXCEEDED);
  }

  @Test
  void aBackDatedRecordCountsAtTheLatestTimeSeen() {
    start(CanonicalPack.all().get(2)).establishSmall("ibank", "dep-1", 3);
    for (int i = 0; i < 10; i++) {
      h.decide(h.op("ibank", "restart", "dep-1").build());
    }

    // Stamped two minutes ago, when the window was empty: it still counts at the latest time seen.
    List<PolicyDecision> d =
        h.sendStamped(
            "ibank", h.op("ibank", "restart", "dep-1").build(), h.now().minusSeconds(120));

    assertThat(d)
        .singleElement()
        .extracting(PolicyDecision::getReasonCodes)
        .isEqualTo(List.of(ReasonCodes.RATE_LIMIT_EXCEEDED));
  }

  @ParameterizedTest
  @MethodSource("packs")
  void maxScaleUpIsTheLargestAllowedIncrease(PlatformPack pack) {
    OperationLimits limits = pack.policyConfig().limits();
    start(pack).establishSmall(name(pack), "dep-1", 3);

    PolicyDecision over =
        h.decide(h.op(name(pack), "scale", "dep-1").replicas(3 + limits.maxScaleUp() + 1).build());
    PolicyDecision at =
        h.decide(h.op(name(pack), "scale", "dep-1").replicas(3 + limits.maxScaleUp()).build());

    assertThat(over.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(over.getReasonCodes()).containsExactly(ReasonCodes.SCALE_UP_EXCEEDED);
    assertThat(over.getRuleIds()).containsExactly("limits.max_scale_up");
    assertThat(at.getReasonCodes()).doesNotContain(ReasonCodes.SCALE_UP_EXCEEDED);
    assertThat(at.getDecision()).isIn(Decision.ALLOWED, Decision.PENDING_APPROVAL);
  }

  @ParameterizedTest
  @MethodSource("packs")
  void maxScaleDownIsCheckedAfterAnyHold(PlatformPack pack) {
    int down = pack.policyConfig().limits().maxScaleDown();
    int replicas = down + 3;
    start(pack).establishSmall(name(pack), "dep-1", replicas);

    PolicyDecision first =
        h.decide(h.op(name(pack), "scale", "dep-1").replicas(replicas - down - 1).build());
    PolicyDecision decided = first;
    if (first.getDecision() == Decision.HELD) {
      decided =
          h.release(name(pack), first.getOperationId(), "bob", ActorType.HUMAN, HoldAction.RELEASE)
              .get(0);
    }

    assertThat(decided.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(decided.getReasonCodes()).containsExactly(ReasonCodes.SCALE_DOWN_EXCEEDED);
    assertThat(decided.getRuleIds()).containsExactly("limits.max_scale_down");
    assertThat(h.deployment(name(pack), "dep-1").orElseThrow().replicas()).isEqualTo(replicas);
  }

  @ParameterizedTest
  @MethodSource("packs")
  void scaleUpByInstanceCountIsADelta(PlatformPack pack) {
    start(pack).establishSmall(name(pack), "dep-1", 3);
    int up = pack.policyConfig().limits().maxScaleUp();

    PolicyDecision d = h.decide(h.op(name(pack), "scale_up", "dep-1").instances(up + 1).build());

    assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.SCALE_UP_EXCEEDED);
    assertThat(d.getMessages().get(0)).contains("3 -> " + (3 + up + 1));
  }

  @ParameterizedTest
  @MethodSource("packs")
  void maxInstancesPerDeployment(PlatformPack pack) {
    int max = pack.capabilities().maxInstancesPerDeployment().orElseThrow();
    start(pack);

    PolicyDecision d =
        h.decide(
            h.op(name(pack), "create_deployment", "dep-1")
                .replicas(max + 1)
                .resources(1, 1, 1, 1)
                .build());

    assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.INSTANCES_PER_DEPLOYMENT_EXCEEDED);
    assertThat(d.getRuleIds()).containsExactly("capabilities.max_instances_per_deployment");
    assertThat(h.deployment(name(pack), "dep-1")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("packs")
  void maxTotalInstances(PlatformPack pack) {
    PlatformCapabilities caps = pack.capabilities();
    int perDeployment = caps.maxInstancesPerDeployment().orElseThrow();
    int total = caps.maxTotalInstances().orElseThrow();
    PlatformPack roomy =
        withLimits(
            pack,
            pack.policyConfig().limits().toBuilder()
                .rateLimitPerMinute(100_000)
                .maxConcurrentDeployments(100_000)
                .build(),
            caps);
    start(roomy);
    int deployments = total / perDeployment;
    for (int i = 0; i < deployments; i++) {
      h.decide(
          h.op(name(pack), "create_deployment", "dep-" + i)
              .replicas(perDeployment)
              .resources(1, 1, 1, 1)
              .build());
      h.decisions(name(pack)).stream()
          .filter(x -> x.getDecision() == Decision.PENDING_APPROVAL)
          .reduce((a, b) -> b)
          .ifPresent(p -> h.approve(name(pack), p.getOperationId(), "bob"));
    }
    PackTotals totals = h.<PackTotals>store(PolicyStores.PACK_TOTALS).get(name(pack));
    int room = total - (int) totals.instances();

    PolicyDecision d =
        h.decide(
            h.op(name(pack), "create_deployment", "dep-last")
                .replicas(room + 1)
                .resources(1, 1, 1, 1)
                .build());

    assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(d.getReasonCodes()).contains(ReasonCodes.TOTAL_INSTANCES_EXCEEDED);
    assertThat(d.getMessages())
        .anySatisfy(m -> assertThat(m).contains("max_total_instances is " + total));
  }

  @ParameterizedTest
  @MethodSource("packs")
  void maxConcurrentDeployments(PlatformPack pack) {
    int max = pack.policyConfig().limits().maxConcurrentDeployments();
    PlatformPack fast =
        withLimits(
            pack,
            pack.policyConfig().limits().toBuilder().rateLimitPerMinute(100_000).build(),
            pack.capabilities());
    start(fast);
    for (int i = 0; i < max; i++) {
      PolicyDecision d =
          h.decide(
              h.op(name(pack), "create_deployment", "dep-" + i)
                  .replicas(1)
                  .resources(1, 1, 1, 1)
                  .build());
      if (d.getDecision() == Decision.PENDING_APPROVAL) {
        h.approve(name(pack), d.getOperationId(), "bob");
      }
    }
    assertThat(h.<PackTotals>store(PolicyStores.PACK_TOTALS).get(name(pack)).deployments())
        .isEqualTo(max);

    PolicyDecision d =
        h.decide(
            h.op(name(pack), "create_deployment", "dep-over")
                .replicas(1)
                .resources(1, 1, 1, 1)
                .build());

    assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.CONCURRENT_DEPLOYMENTS_EXCEEDED);
    assertThat(d.getRuleIds()).containsExactly("limits.max_concurrent_deployments");

    // Deleting one makes room again (deletes are held or need approval in some packs: settle them).
    PolicyDecision delete = h.decide(h.op(name(pack), "delete_deployment", "dep-0").build());
    if (delete.getDecision() == Decision.HELD) {
      delete =
          h.release(name(pack), delete.getOperationId(), "bob", ActorType.HUMAN, HoldAction.RELEASE)
              .get(0);
    }
    if (delete.getDecision() == Decision.PENDING_APPROVAL) {
      delete = h.approve(name(pack), delete.getOperationId(), "carol").get(0);
    }
    assertThat(delete.getDecision()).isEqualTo(Decision.ALLOWED);
    PolicyDecision again =
        h.decide(
            h.op(name(pack), "create_deployment", "dep-over")
                .replicas(1)
                .resources(1, 1, 1, 1)
                .build());
    assertThat(again.getDecision()).isIn(Decision.ALLOWED, Decision.PENDING_APPROVAL);
  }

  @Test
  void maxDeploymentsCapabilityWhenItIsTheTighterLimit() {
    PlatformPack mapleverse = MapleversePack.mapleverse();
    PlatformPack tight =
        withLimits(
            mapleverse,
            mapleverse.policyConfig().limits(),
            mapleverse.capabilities().toBuilder().maxDeployments(2).build());
    start(tight);
    h.establishSmall("mapleverse", "a", 1);
    h.establishSmall("mapleverse", "b", 1);

    PolicyDecision d = h.decide(h.op("mapleverse", "create_deployment", "c").replicas(1).build());

    assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.MAX_DEPLOYMENTS_EXCEEDED);
    assertThat(d.getRuleIds()).containsExactly("capabilities.max_deployments");
  }

  @ParameterizedTest
  @MethodSource("packs")
  void perInstanceResourceLimits(PlatformPack pack) {
    ResourceLimits limits = pack.resourceConfig().limits();
    start(pack);

    PolicyDecision d =
        h.decide(
            h.op(name(pack), "create_deployment", "dep-1")
                .replicas(1)
                .resources(
                    limits.maxCpuMillicores() + 1,
                    limits.maxMemoryMb() + 1,
                    limits.maxStorageMb() + 1,
                    limits.maxNetworkKbps() + 1)
                .build());

    assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(d.getRuleIds())
        .contains(
            "resources.limits.max_cpu_millicores",
            "resources.limits.max_memory_mb",
            "resources.limits.max_storage_mb",
            "resources.limits.max_network_kbps");
    assertThat(d.getReasonCodes()).containsOnly(ReasonCodes.RESOURCE_LIMIT_EXCEEDED);

    PolicyDecision atLimit =
        h.decide(
            h.op(name(pack), "create_deployment", "dep-2")
                .replicas(1)
                .resources(
                    limits.maxCpuMillicores(),
                    limits.maxMemoryMb(),
                    limits.maxStorageMb(),
                    limits.maxNetworkKbps())
                .build());
    assertThat(atLimit.getReasonCodes()).doesNotContain(ReasonCodes.RESOURCE_LIMIT_EXCEEDED);
  }

  @ParameterizedTest
  @MethodSource("packs")
  void packWideCpuAndMemoryLimits(PlatformPack pack) {
    ResourceLimits limits = pack.resourceConfig().limits();
    int replicas =
        Math.max(
                limits.totalCpuMillicores() / limits.maxCpuMillicores(),
                limits.totalMemoryMb() / limits.maxMemoryMb())
            + 1;
    assertThat(replicas)
        .isLessThanOrEqualTo(pack.capabilities().maxInstancesPerDeployment().orElseThrow());
    start(pack);

    PolicyDecision d =
        h.decide(
            h.op(name(pack), "create_deployment", "dep-1")
                .replicas(replicas)
                .resources(limits.maxCpuMillicores(), limits.maxMemoryMb(), 1, 1)
                .build());

    assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(d.getRuleIds())
        .contains("resources.limits.total_cpu_millicores", "resources.limits.total_memory_mb");
  }

  @ParameterizedTest
  @MethodSource("packs")
  void deploymentStatePreconditions(PlatformPack pack) {
    start(pack).establishSmall(name(pack), "dep-1", 3);

    assertThat(
            h.decide(h.op(name(pack), "create_deployment", "dep-1").replicas(1).build())
                .getReasonCodes())
        .containsExactly(ReasonCodes.DEPLOYMENT_EXISTS);
    assertThat(h.decide(h.op(name(pack), "restart", "nope").build()).getReasonCodes())
        .containsExactly(ReasonCodes.DEPLOYMENT_NOT_FOUND);
    assertThat(h.decide(h.op(name(pack), "scale_up", "dep-1").replicas(2).build()).getReasonCodes())
        .containsExactly(ReasonCodes.INVALID_SCALE_DIRECTION);
    assertThat(h.decide(h.op(name(pack), "scale", "dep-1").build()).getReasonCodes())
        .containsExactly(ReasonCodes.TARGET_REPLICAS_MISSING);
    PolicyDecision migrate =
        h.decide(h.op(name(pack), "migrate", "dep-1").param("target_node", "n2").build());
    if (pack.capabilities().supportsMigration()) {
      assertThat(migrate.getDecision()).isEqualTo(Decision.ALLOWED);
      assertThat(h.deployment(name(pack), "dep-1").orElseThrow().node()).contains("n2");
    } else {
      assertThat(migrate.getReasonCodes()).containsExactly(ReasonCodes.OPERATION_NOT_SUPPORTED);
      assertThat(migrate.getRuleIds()).containsExactly("capabilities.supports_migration");
    }
    assertThat(h.deployment(name(pack), "dep-1").orElseThrow().replicas()).isEqualTo(3);
  }

  @Test
  void shrinkingIsNeverStoppedByCapacityLimits() {
    PlatformPack mapleverse = MapleversePack.mapleverse();
    start(mapleverse).establishSmall("mapleverse", "dep-1", 50);
    // Tighten nothing; just check that lowering replicas under any capacity passes the capacity
    // checks.
    PolicyDecision d = h.decide(h.op("mapleverse", "scale_down", "dep-1").instances(10).build());

    assertThat(d.getDecision()).isEqualTo(Decision.ALLOWED);
    assertThat(h.deployment("mapleverse", "dep-1").orElseThrow().replicas()).isEqualTo(40);
    assertThat(h.<PackTotals>store(PolicyStores.PACK_TOTALS).get("mapleverse").instances())
        .isEqualTo(40);
    assertThat(Optional.ofNullable(d.getHoldId())).isEmpty();
  }

  private static PlatformPack withLimits(
      PlatformPack pack, OperationLimits limits, PlatformCapabilities caps) {
    var config = dev.palm.packs.PlatformPackConfig.of(pack);
    return config.toBuilder()
        .policy(config.policy().toBuilder().limits(limits).build())
        .capabilities(caps)
        .build()
        .toPack();
  }

  private static String name(PlatformPack pack) {
    return pack.metadata().name();
  }
}
