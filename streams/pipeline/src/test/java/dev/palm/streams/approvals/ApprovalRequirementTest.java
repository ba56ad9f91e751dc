package dev.palm.streams.approvals;

import static dev.palm.streams.operations.ReasonCodes.APPROVAL_REQUIRED;
import static dev.palm.streams.operations.ReasonCodes.APPROVAL_THRESHOLD_EXCEEDED;
import static dev.palm.streams.testing.RuleFixtures.deployment;
import static dev.palm.streams.testing.RuleFixtures.op;
import static dev.palm.streams.testing.RuleFixtures.rescale;
import static dev.palm.streams.testing.RuleFixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.palm.packs.HumanApprovalConfig;
import dev.palm.packs.ThresholdApproval;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.testing.RuleFixtures;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table of {@link ApprovalRequirement}: when an operation needs a human. */
class ApprovalRequirementTest {

  private static HumanApprovalConfig config(List<String> always, ThresholdApproval... thresholds) {
    return new HumanApprovalConfig(always, List.of(thresholds), 3600, false);
  }

  private static ThresholdApproval over(String operation, String type, long value) {
    return new ThresholdApproval(operation, type, value);
  }

  static Stream<Arguments> table() {
    Transition none = transition("drain_node", Optional.empty(), Optional.empty());
    Transition restart =
        transition("restart", Optional.of(deployment(3)), Optional.of(deployment(3)));
    return Stream.of(
        arguments("nothing configured", config(List.of()), op("restart"), restart, List.of()),
        arguments(
            "always_required by name",
            config(List.of("restart")),
            op("restart"),
            restart,
            List.of(APPROVAL_REQUIRED)),
        arguments(
            "always_required of another operation",
            config(List.of("delete_deployment")),
            op("restart"),
            restart,
            List.of()),
        arguments(
            "instance_count above the threshold",
            config(List.of(), over("scale", "instance_count", 10)),
            op("scale").target(11),
            rescale("scale", 3, 11),
            List.of(APPROVAL_THRESHOLD_EXCEEDED)),
        arguments(
            "instance_count equal to the threshold (strictly greater needed)",
            config(List.of(), over("scale", "instance_count", 10)),
            op("scale").target(10),
            rescale("scale", 3, 10),
            List.of()),
        arguments(
            "a threshold on scale covers an update that rescales",
            config(List.of(), over("scale", "instance_count", 10)),
            op("update_deployment").target(12),
            rescale("update_deployment", 3, 12),
            List.of(APPROVAL_THRESHOLD_EXCEEDED)),
        arguments(
            "a removal is measured by the replicas it removes",
            config(List.of(), over("delete_deployment", "instance_count", 10)),
            op("delete_deployment"),
            transition("delete_deployment", Optional.of(deployment(20)), Optional.empty()),
            List.of(APPROVAL_THRESHOLD_EXCEEDED)),
        arguments(
            "a parameter threshold under its value",
            config(List.of(), over("drain_node", "cost", 100)),
            op("drain_node").param("cost", "99.5"),
            none,
            List.of()),
        arguments(
            "a parameter threshold above its value",
            config(List.of(), over("drain_node", "cost", 100)),
            op("drain_node").param("cost", " 100.5 "),
            none,
            List.of(APPROVAL_THRESHOLD_EXCEEDED)),
        arguments(
            "a missing measured parameter needs a human (fail closed)",
            config(List.of(), over("drain_node", "cost", 100)),
            op("drain_node"),
            none,
            List.of(APPROVAL_THRESHOLD_EXCEEDED)),
        arguments(
            "a non-numeric measured parameter needs a human (fail closed)",
            config(List.of(), over("drain_node", "cost", 100)),
            op("drain_node").param("cost", "cheap"),
            none,
            List.of(APPROVAL_THRESHOLD_EXCEEDED)),
        arguments(
            "always and threshold both reported",
            config(List.of("scale"), over("scale", "instance_count", 1)),
            op("scale").target(5),
            rescale("scale", 3, 5),
            List.of(APPROVAL_REQUIRED, APPROVAL_THRESHOLD_EXCEEDED)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void needsApprovalExactlyWhenARuleMatches(
      String name,
      HumanApprovalConfig config,
      RuleFixtures.Op op,
      Transition t,
      List<String> expectedCodes) {
    List<Finding> findings = ApprovalRequirement.check(config, op.build(), t);
    assertThat(findings).extracting(Finding::reasonCode).as(name).isEqualTo(expectedCodes);
    assertThat(findings).allSatisfy(f -> assertThat(f.message()).contains("needs human approval"));
  }
}
