package dev.palm.streams.deployments;

import static dev.palm.streams.operations.ReasonCodes.DEPLOYMENT_EXISTS;
import static dev.palm.streams.operations.ReasonCodes.DEPLOYMENT_NOT_FOUND;
import static dev.palm.streams.operations.ReasonCodes.INVALID_REQUEST;
import static dev.palm.streams.operations.ReasonCodes.INVALID_SCALE_DIRECTION;
import static dev.palm.streams.operations.ReasonCodes.OPERATION_NOT_SUPPORTED;
import static dev.palm.streams.operations.ReasonCodes.TARGET_REPLICAS_MISSING;
import static dev.palm.streams.testing.RuleFixtures.deployment;
import static dev.palm.streams.testing.RuleFixtures.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.testing.RuleFixtures;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table of {@link DeploymentTransitions}: each operation's effect on a deployment, or why not. */
class DeploymentTransitionsTest {

  private static final PlatformPack PLAIN = RuleFixtures.pack(b -> b);

  private static final PlatformPack MIGRATING =
      RuleFixtures.pack(
          b ->
              b.capabilities(
                  PlatformCapabilities.defaults().toBuilder().supportsMigration(true).build()));

  private static final Optional<DeploymentState> ABSENT = Optional.empty();

  private static Optional<DeploymentState> existing(int replicas, long revision) {
    return Optional.of(deployment(replicas, 100, revision));
  }

  /** Expected: a reason code for a rejection, else "replicas=N revision=R" or "absent". */
  static Stream<Arguments> table() {
    Optional<DeploymentState> three = existing(3, 3);
    return Stream.of(
        arguments(
            "create", PLAIN, op("create_deployment").target(4), ABSENT, "replicas=4 revision=1"),
        arguments(
            "create when it exists", PLAIN, op("create_deployment"), three, DEPLOYMENT_EXISTS),
        arguments("scale when absent", PLAIN, op("scale").target(2), ABSENT, DEPLOYMENT_NOT_FOUND),
        arguments(
            "scale to a target", PLAIN, op("scale").target(5), three, "replicas=5 revision=3"),
        arguments(
            "scale by instance_count",
            PLAIN,
            op("scale").instances(6),
            three,
            "replicas=6 revision=3"),
        arguments("scale without a target", PLAIN, op("scale"), three, TARGET_REPLICAS_MISSING),
        arguments(
            "scale_up by a delta",
            PLAIN,
            op("scale_up").instances(2),
            three,
            "replicas=5 revision=3"),
        arguments(
            "scale_up to fewer", PLAIN, op("scale_up").target(2), three, INVALID_SCALE_DIRECTION),
        arguments(
            "scale_down by a delta",
            PLAIN,
            op("scale_down").instances(2),
            three,
            "replicas=1 revision=3"),
        arguments(
            "scale_down to more",
            PLAIN,
            op("scale_down").target(4),
            three,
            INVALID_SCALE_DIRECTION),
        arguments(
            "scale_down below zero",
            PLAIN,
            op("scale_down").instances(4),
            three,
            INVALID_SCALE_DIRECTION),
        arguments(
            "scale_down without a target", PLAIN, op("scale_down"), three, TARGET_REPLICAS_MISSING),
        arguments(
            "update is a new revision",
            PLAIN,
            op("update_deployment"),
            three,
            "replicas=3 revision=4"),
        arguments(
            "update with replicas",
            PLAIN,
            op("update_deployment").target(7),
            three,
            "replicas=7 revision=4"),
        arguments("delete", PLAIN, op("delete_deployment"), three, "absent"),
        arguments("force_terminate", PLAIN, op("force_terminate"), three, "absent"),
        arguments("restart keeps replicas", PLAIN, op("restart"), three, "replicas=3 revision=3"),
        arguments(
            "force_recovery keeps replicas",
            PLAIN,
            op("force_recovery"),
            three,
            "replicas=3 revision=3"),
        arguments("migrate unsupported", PLAIN, op("migrate"), three, OPERATION_NOT_SUPPORTED),
        arguments(
            "migrate supported",
            MIGRATING,
            op("migrate").param("target_node", "n2"),
            three,
            "replicas=3 revision=3 node=n2"),
        arguments(
            "rollback to the previous revision",
            PLAIN,
            op("rollback"),
            three,
            "replicas=3 revision=2"),
        arguments(
            "rollback to a named revision",
            PLAIN,
            op("rollback").param("revision", "1"),
            three,
            "replicas=3 revision=1"),
        arguments(
            "rollback to the current revision",
            PLAIN,
            op("rollback").param("revision", "3"),
            three,
            INVALID_REQUEST),
        arguments(
            "rollback to a non-number",
            PLAIN,
            op("rollback").param("revision", "two"),
            three,
            INVALID_REQUEST));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void computesTheEffectOrTheRejection(
      String name,
      PlatformPack pack,
      RuleFixtures.Op op,
      Optional<DeploymentState> current,
      String expected) {
    TransitionResult result = DeploymentTransitions.compute(pack, op.build(), current, 5_000L);
    if (result instanceof TransitionResult.Rejected rejected) {
      assertThat(rejected.finding().reasonCode()).as(name).isEqualTo(expected);
      assertThat(rejected.unchanged().changesState()).isFalse();
      return;
    }
    Transition t = result.transition();
    String after =
        t.after()
            .map(
                d ->
                    "replicas="
                        + d.replicas()
                        + " revision="
                        + d.revision()
                        + d.node().map(n -> " node=" + n).orElse(""))
            .orElse("absent");
    assertThat(after).as(name).isEqualTo(expected);
    assertThat(t.type()).isEqualTo(OperationType.of(op.build().operation()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unmodelled")
  void unmodelledNamesChangeNothing(String name) {
    TransitionResult result =
        DeploymentTransitions.compute(PLAIN, op(name).build(), existing(3, 1), 0L);
    assertThat(result).isInstanceOf(TransitionResult.Applies.class);
    assertThat(result.transition().changesState()).isFalse();
    assertThat(result.transition().type()).isEmpty();
  }

  static Stream<String> unmodelled() {
    return Stream.of("drain_node", "custom:reindex");
  }
}
