package dev.palm.streams.limits;

import static dev.palm.streams.operations.ReasonCodes.CONCURRENT_DEPLOYMENTS_EXCEEDED;
import static dev.palm.streams.operations.ReasonCodes.INSTANCES_PER_DEPLOYMENT_EXCEEDED;
import static dev.palm.streams.operations.ReasonCodes.MAX_DEPLOYMENTS_EXCEEDED;
import static dev.palm.streams.operations.ReasonCodes.RATE_LIMIT_EXCEEDED;
import static dev.palm.streams.operations.ReasonCodes.RESOURCE_LIMIT_EXCEEDED;
import static dev.palm.streams.operations.ReasonCodes.SCALE_DOWN_EXCEEDED;
import static dev.palm.streams.operations.ReasonCodes.SCALE_UP_EXCEEDED;
import static dev.palm.streams.operations.ReasonCodes.TOTAL_INSTANCES_EXCEEDED;
import static dev.palm.streams.testing.RuleFixtures.deployment;
import static dev.palm.streams.testing.RuleFixtures.limited;
import static dev.palm.streams.testing.RuleFixtures.rescale;
import static dev.palm.streams.testing.RuleFixtures.transition;
import static dev.palm.streams.testing.RuleFixtures.unlimitedResources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.palm.packs.OperationLimits;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformCapabilitiesBuilder;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.ResourceLimits;
import dev.palm.streams.deployments.PackTotals;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.operations.Finding;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table of {@link LimitsCheck}: which limits an operation's effect breaches. */
class LimitsCheckTest {

  /** 10 deployments, steps of 5 replicas, 100 operations a minute. */
  private static final OperationLimits LIMITS = new OperationLimits(10, 5, 5, 100);

  private static final PlatformCapabilities OPEN = PlatformCapabilities.defaults();

  private static final PackTotals NONE = PackTotals.EMPTY;

  private static PlatformPack pack(OperationLimits limits) {
    return limited(limits, OPEN);
  }

  private static PlatformPack caps(PlatformCapabilitiesBuilder caps) {
    return limited(LIMITS, caps.build());
  }

  private static Transition create(int replicas) {
    return transition("create_deployment", Optional.empty(), Optional.of(deployment(replicas)));
  }

  /** A window holding {@code n} admissions at {@code t}. */
  private static RateWindow window(int n, long t) {
    return new RateWindow(java.util.Collections.nCopies(n, t), t);
  }

  static Stream<Arguments> table() {
    PlatformPack plain = pack(LIMITS);
    return Stream.of(
        arguments(
            "within every limit",
            plain,
            rescale("scale", 3, 5),
            NONE,
            RateWindow.EMPTY,
            Optional.of(0L),
            List.of()),
        arguments(
            "rate: limit reached in the window",
            pack(new OperationLimits(10, 5, 5, 2)),
            rescale("restart", 3, 3),
            NONE,
            window(2, 1_000),
            Optional.of(30_000L),
            List.of(RATE_LIMIT_EXCEEDED)),
        arguments(
            "rate: admissions slid out of the window",
            pack(new OperationLimits(10, 5, 5, 2)),
            rescale("restart", 3, 3),
            NONE,
            window(2, 1_000),
            Optional.of(61_000L),
            List.of()),
        arguments(
            "rate: not charged again after approval",
            pack(new OperationLimits(10, 5, 5, 2)),
            rescale("restart", 3, 3),
            NONE,
            window(2, 1_000),
            Optional.empty(),
            List.of()),
        arguments(
            "create at max_concurrent_deployments",
            plain,
            create(1),
            new PackTotals(10, 10, 0, 0),
            RateWindow.EMPTY,
            Optional.empty(),
            List.of(CONCURRENT_DEPLOYMENTS_EXCEEDED)),
        arguments(
            "create below max_concurrent_deployments",
            plain,
            create(1),
            new PackTotals(9, 9, 0, 0),
            RateWindow.EMPTY,
            Optional.empty(),
            List.of()),
        arguments(
            "create at capabilities.max_deployments",
            caps(OPEN.toBuilder().maxDeployments(4)),
            create(1),
            new PackTotals(4, 4, 0, 0),
            RateWindow.EMPTY,
            Optional.empty(),
            List.of(MAX_DEPLOYMENTS_EXCEEDED)),
        arguments(
            "scale up by more than max_scale_up",
            plain,
            rescale("scale", 3, 9),
            NONE,
            RateWindow.EMPTY,
            Optional.empty(),
            List.of(SCALE_UP_EXCEEDED)),
        arguments(
            "scale up by exactly max_scale_up",
            plain,
            rescale("scale", 3, 8),
            NONE,
            RateWindow.EMPTY,
            Optional.empty(),
            List.of()),
        arguments(
            "scale down by more than max_scale_down",
            plain,
            rescale("scale", 9, 3),
            NONE,
            RateWindow.EMPTY,
            Optional.empty(),
            List.of(SCALE_DOWN_EXCEEDED)),
        arguments(
            "above max_instances_per_deployment",
            caps(OPEN.toBuilder().maxInstancesPerDeployment(6)),
            rescale("scale", 3, 7),
            NONE,
            RateWindow.EMPTY,
            Optional.empty(),
            List.of(INSTANCES_PER_DEPLOYMENT_EXCEEDED)),
        arguments(
            "shrinking an over-limit deployment is allowed",
            caps(OPEN.toBuilder().maxInstancesPerDeployment(6)),
            rescale("scale", 12, 8),
            NONE,
            RateWindow.EMPTY,
            Optional.empty(),
            List.of()),
        arguments(
            "above max_total_instances",
            caps(OPEN.toBuilder().maxTotalInstances(100)),
            rescale("scale", 3, 8),
            new PackTotals(5, 97, 0, 0),
            RateWindow.EMPTY,
            Optional.empty(),
            List.of(TOTAL_INSTANCES_EXCEEDED)),
        arguments(
            "CPU per instance above resources.limits",
            limited(LIMITS, OPEN, cpuLimits(400, Integer.MAX_VALUE / 4)),
            transition(
                "update_deployment",
                Optional.of(deployment(2, 300, 1)),
                Optional.of(deployment(2, 500, 2))),
            NONE,
            RateWindow.EMPTY,
            Optional.empty(),
            List.of(RESOURCE_LIMIT_EXCEEDED)),
        arguments(
            "pack-wide CPU above resources.limits",
            limited(LIMITS, OPEN, cpuLimits(1_000, 1_000)),
            rescale("scale", 3, 5),
            new PackTotals(2, 6, 900, 0),
            RateWindow.EMPTY,
            Optional.empty(),
            List.of(RESOURCE_LIMIT_EXCEEDED)),
        arguments(
            "every breach reported at once",
            limited(
                new OperationLimits(10, 1, 5, 1),
                OPEN.toBuilder().maxInstancesPerDeployment(4).build(),
                unlimitedResources()),
            rescale("scale", 3, 6),
            NONE,
            window(1, 0),
            Optional.of(0L),
            List.of(RATE_LIMIT_EXCEEDED, SCALE_UP_EXCEEDED, INSTANCES_PER_DEPLOYMENT_EXCEEDED)));
  }

  private static ResourceLimits cpuLimits(int perInstance, int total) {
    ResourceLimits u = unlimitedResources();
    return new ResourceLimits(
        perInstance,
        u.maxMemoryMb(),
        u.maxStorageMb(),
        total,
        u.totalMemoryMb(),
        u.maxNetworkKbps(),
        u.requestLimitRatio());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void reportsEveryBreachedLimit(
      String name,
      PlatformPack pack,
      Transition t,
      PackTotals totals,
      RateWindow window,
      Optional<Long> rateNow,
      List<String> expectedCodes) {
    List<Finding> findings = LimitsCheck.check(pack, t, totals, window, rateNow);
    assertThat(findings).extracting(Finding::reasonCode).as(name).isEqualTo(expectedCodes);
  }
}
