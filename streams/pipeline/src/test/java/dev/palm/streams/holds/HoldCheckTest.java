package dev.palm.streams.holds;

import static dev.palm.streams.testing.RuleFixtures.deployment;
import static dev.palm.streams.testing.RuleFixtures.op;
import static dev.palm.streams.testing.RuleFixtures.rescale;
import static dev.palm.streams.testing.RuleFixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.palm.packs.SafetyHoldsConfig;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.testing.RuleFixtures;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table of {@link HoldCheck}: which operations the safety holds stop. */
class HoldCheckTest {

  private static final Optional<Long> MANUAL = Optional.empty();

  private static SafetyHoldsConfig holds(boolean enabled, String... blocked) {
    return new SafetyHoldsConfig(enabled, List.of(blocked), MANUAL);
  }

  static Stream<Arguments> table() {
    Transition restart =
        transition("restart", Optional.of(deployment(3)), Optional.of(deployment(3)));
    return Stream.of(
        arguments("holds disabled", holds(false, "restart"), op("restart"), restart, false),
        arguments("blocked by name", holds(true, "restart"), op("restart"), restart, true),
        arguments(
            "not in the list", holds(true, "delete_deployment"), op("restart"), restart, false),
        arguments("empty list", holds(true), op("restart"), restart, false),
        arguments(
            "scale_up covers an update that raises replicas",
            holds(true, "scale_up"),
            op("update_deployment").target(5),
            rescale("update_deployment", 3, 5),
            true),
        arguments(
            "scale_down does not cover a raise",
            holds(true, "scale_down"),
            op("scale").target(5),
            rescale("scale", 3, 5),
            false),
        arguments(
            "scale covers any replica change",
            holds(true, "scale"),
            op("scale_down").target(1),
            rescale("scale_down", 3, 1),
            true),
        arguments(
            "scale does not cover a restart", holds(true, "scale"), op("restart"), restart, false),
        arguments(
            "an unmodelled name still matches literally",
            holds(true, "drain_node"),
            op("drain_node"),
            transition("drain_node", Optional.empty(), Optional.empty()),
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void holdsExactlyTheListedOperations(
      String name, SafetyHoldsConfig config, RuleFixtures.Op op, Transition t, boolean held) {
    Optional<Finding> finding = HoldCheck.check(config, op.build(), t);
    assertThat(finding.isPresent()).as(name).isEqualTo(held);
    finding.ifPresent(
        f -> {
          assertThat(f.reasonCode()).isEqualTo(ReasonCodes.SAFETY_HOLD);
          assertThat(f.ruleId()).isEqualTo("safety_holds.blocked_operations");
          assertThat(f.message()).contains("an authorized releaser must release or cancel it");
        });
  }

  @Test
  void autoReleaseIsPlacementPlusTheConfiguredSeconds() {
    SafetyHoldsConfig auto = new SafetyHoldsConfig(true, List.of("restart"), Optional.of(30L));
    assertThat(HoldCheck.autoReleaseAt(auto, 1_000L)).contains(31_000L);
    assertThat(HoldCheck.autoReleaseAt(holds(true, "restart"), 1_000L)).isEmpty();
    assertThat(
            HoldCheck.check(auto, op("restart").build(), rescale("restart", 1, 1))
                .orElseThrow()
                .message())
        .contains("released automatically after 30 s");
  }
}
