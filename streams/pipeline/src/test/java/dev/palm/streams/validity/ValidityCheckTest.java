package dev.palm.streams.validity;

import static dev.palm.streams.operations.ReasonCodes.ACTOR_MISSING;
import static dev.palm.streams.operations.ReasonCodes.AGENT_SPEC_REJECTED;
import static dev.palm.streams.operations.ReasonCodes.DEPLOYMENT_ID_MISSING;
import static dev.palm.streams.operations.ReasonCodes.IDENTITY_INVALID;
import static dev.palm.streams.operations.ReasonCodes.IDENTITY_RESERVED;
import static dev.palm.streams.operations.ReasonCodes.INVALID_REQUEST;
import static dev.palm.streams.operations.ReasonCodes.OPERATION_ID_MISSING;
import static dev.palm.streams.operations.ReasonCodes.OPERATION_MISSING;
import static dev.palm.streams.operations.ReasonCodes.PACK_MISMATCH;
import static dev.palm.streams.operations.ReasonCodes.UNKNOWN_OPERATION;
import static dev.palm.streams.operations.ReasonCodes.UNKNOWN_PACK;
import static dev.palm.streams.testing.RuleFixtures.PACK;
import static dev.palm.streams.testing.RuleFixtures.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.testing.RuleFixtures;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table of {@link ValidityCheck}: the request problems found before any rule is judged. */
class ValidityCheckTest {

  private static final PlatformPack PACK_UNDER_TEST = RuleFixtures.pack(b -> b);

  private static final Set<String> LOADED = Set.of(PACK, "other");

  /** An actor as it arrives in an event: canonicalized by {@link ActorRef#of}. */
  private static ActorRef sent(String id, ActorType type) {
    return ActorRef.of(new Actor(id, type));
  }

  static Stream<Arguments> table() {
    return Stream.of(
        arguments("a valid request", op("restart"), List.of()),
        arguments(
            "a pack that is not loaded", op("restart").pack("nowhere"), List.of(UNKNOWN_PACK)),
        arguments("another loaded pack", op("restart").pack("other"), List.of(PACK_MISMATCH)),
        arguments("no operation id", op("restart").id(""), List.of(OPERATION_ID_MISSING)),
        arguments("a blank operation id", op("restart").id("  "), List.of(OPERATION_ID_MISSING)),
        arguments("no operation name", op(""), List.of(OPERATION_MISSING)),
        arguments("no deployment", op("restart").deployment(""), List.of(DEPLOYMENT_ID_MISSING)),
        arguments("no actor", op("restart").actor(ActorRef.MISSING), List.of(ACTOR_MISSING)),
        arguments(
            "an actor of unknown kind",
            op("restart").actor(new ActorRef("bob", "unknown")),
            List.of(ACTOR_MISSING)),
        arguments(
            "a blank actor id",
            op("restart").actor(new ActorRef(" ", "human")),
            List.of(ACTOR_MISSING)),
        arguments(
            "an actor id with an invisible character",
            op("restart").actor(sent("al\u200Bice", ActorType.HUMAN)),
            List.of(IDENTITY_INVALID)),
        arguments(
            "an actor id too long",
            op("restart").actor(sent("a".repeat(300), ActorType.AGENT)),
            List.of(IDENTITY_INVALID)),
        arguments(
            "the pipeline's own id",
            op("restart").actor(sent("palm-system", ActorType.SYSTEM)),
            List.of(IDENTITY_RESERVED)),
        arguments(
            "a re-spelled actor id is canonical, not invalid",
            op("restart").actor(sent(" Alice ", ActorType.HUMAN)),
            List.of()),
        arguments("an unknown operation", op("restrat"), List.of(UNKNOWN_OPERATION)),
        arguments("an upper-case operation", op("DELETE_DEPLOYMENT"), List.of(UNKNOWN_OPERATION)),
        arguments("a hyphenated operation", op("delete-deployment"), List.of(UNKNOWN_OPERATION)),
        arguments("negative target_replicas", op("scale").target(-1), List.of(INVALID_REQUEST)),
        arguments(
            "negative instance_count", op("scale_up").instances(-2), List.of(INVALID_REQUEST)),
        arguments("negative CPU", op("create_deployment").cpu(-100), List.of(INVALID_REQUEST)),
        arguments(
            "an agent spec version that is not semantic",
            op("create_deployment").agentSpec("agent", "v1"),
            List.of(AGENT_SPEC_REJECTED)),
        arguments(
            "a semantic agent spec version",
            op("create_deployment").agentSpec("agent", "1.2.0"),
            List.of()),
        arguments(
            "an agent spec the pack rejects (no attention budget)",
            op("create_deployment").agentSpec("agent", "1.2.0", 0),
            List.of(AGENT_SPEC_REJECTED)),
        arguments(
            "every problem reported at once",
            op("").id("").deployment("").actor(ActorRef.MISSING).pack("nowhere").target(-1),
            List.of(
                UNKNOWN_PACK,
                OPERATION_ID_MISSING,
                OPERATION_MISSING,
                DEPLOYMENT_ID_MISSING,
                ACTOR_MISSING,
                INVALID_REQUEST)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void reportsEveryProblem(String name, RuleFixtures.Op op, List<String> expectedCodes) {
    List<Finding> findings = ValidityCheck.check(PACK_UNDER_TEST, LOADED, op.build());
    assertThat(findings).extracting(Finding::reasonCode).as(name).isEqualTo(expectedCodes);
    assertThat(findings).allSatisfy(f -> assertThat(f.ruleId()).startsWith("validity."));
  }
}
