package dev.palm.streams.operations;

import static dev.palm.streams.operations.ReasonCodes.ACTOR_NOT_HUMAN;
import static dev.palm.streams.operations.ReasonCodes.APPROVER_NOT_AUTHORIZED;
import static dev.palm.streams.operations.ReasonCodes.IDENTITY_INVALID;
import static dev.palm.streams.operations.ReasonCodes.IDENTITY_RESERVED;
import static dev.palm.streams.operations.ReasonCodes.SELF_APPROVAL_FORBIDDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table of {@link AuthorizedActors} over identities as sent: every comparison is between canonical
 * ids ({@link Identities}).
 */
class AuthorizedActorsTest {

  private static final String NONE = "";

  static Stream<Arguments> table() {
    List<String> anyone = List.of();
    List<String> listed = List.of("Bob", " carol ");
    return Stream.of(
        arguments("another human", "bob", ActorType.HUMAN, anyone, false, NONE),
        arguments(
            "the requester", "alice", ActorType.HUMAN, anyone, false, SELF_APPROVAL_FORBIDDEN),
        arguments(
            "the requester capitalised",
            "Alice",
            ActorType.HUMAN,
            anyone,
            false,
            SELF_APPROVAL_FORBIDDEN),
        arguments(
            "the requester with spaces",
            " alice ",
            ActorType.HUMAN,
            anyone,
            false,
            SELF_APPROVAL_FORBIDDEN),
        arguments(
            "the requester in full width",
            "\uFF41\uFF4C\uFF49\uFF43\uFF45",
            ActorType.HUMAN,
            anyone,
            false,
            SELF_APPROVAL_FORBIDDEN),
        arguments(
            "the requester when the pack allows it", "ALICE", ActorType.HUMAN, anyone, true, NONE),
        arguments(
            "a listed approver spelled differently", "BOB", ActorType.HUMAN, listed, false, NONE),
        arguments(
            "a listed approver with spaces in the list",
            "carol",
            ActorType.HUMAN,
            listed,
            false,
            NONE),
        arguments(
            "someone not listed", "dave", ActorType.HUMAN, listed, false, APPROVER_NOT_AUTHORIZED),
        arguments("a service", "bob", ActorType.SERVICE, anyone, false, ACTOR_NOT_HUMAN),
        arguments("a blank id", "  ", ActorType.HUMAN, anyone, false, IDENTITY_INVALID),
        arguments(
            "a zero-width space", "b\u200Bob", ActorType.HUMAN, listed, false, IDENTITY_INVALID),
        arguments(
            "a control character", "bob\u0007", ActorType.HUMAN, anyone, false, IDENTITY_INVALID),
        arguments(
            "an id too long", "b".repeat(257), ActorType.HUMAN, anyone, false, IDENTITY_INVALID),
        arguments(
            "the pipeline's id", "palm-system", ActorType.HUMAN, anyone, false, IDENTITY_RESERVED),
        arguments(
            "a reserved id re-spelled",
            " PALM-System",
            ActorType.SYSTEM,
            anyone,
            false,
            IDENTITY_RESERVED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decidesOnCanonicalIdentities(
      String name,
      String sent,
      ActorType type,
      List<String> allowed,
      boolean allowSelf,
      String expected) {
    Optional<Finding> refusal =
        AuthorizedActors.check(
            ActorRef.of(new Actor(sent, type)),
            allowed,
            "alice",
            allowSelf,
            "extensions.approvers",
            "approver",
            APPROVER_NOT_AUTHORIZED);
    assertThat(refusal.map(Finding::reasonCode).orElse(NONE)).as(name).isEqualTo(expected);
  }
}
