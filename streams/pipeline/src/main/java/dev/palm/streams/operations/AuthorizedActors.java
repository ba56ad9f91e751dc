package dev.palm.streams.operations;

import java.util.Collection;
import java.util.Optional;

/**
 * The rule for who may settle someone else's operation (approve it, or release its hold), from the
 * pack's {@code extensions}: a human; one of the listed actors when the list is not empty; and not
 * the requester unless self-approval is allowed.
 */
public final class AuthorizedActors {

  private AuthorizedActors() {}

  /**
   * Why {@code actor} may not act, or empty when it may.
   *
   * @param allowed actor ids allowed to act; empty = anyone but the requester
   * @param requester actor id of the operation's requester
   * @param allowSelf whether the requester may act on their own operation
   * @param ruleId rule to name in the finding, e.g. {@code extensions.approvers}
   * @param role the role for messages, e.g. {@code approver}
   */
  public static Optional<Finding> check(
      ActorRef actor,
      Collection<String> allowed,
      String requester,
      boolean allowSelf,
      String ruleId,
      String role,
      String notAuthorizedCode) {
    Optional<String> identity = actor.identityProblem();
    if (identity.isPresent()) {
      return Optional.of(
          new Finding(
              ruleId,
              actor.id().isEmpty() ? ReasonCodes.IDENTITY_INVALID : ReasonCodes.IDENTITY_RESERVED,
              role + ": " + identity.get()));
    }
    if (!actor.isHuman()) {
      return Optional.of(
          new Finding(
              ruleId,
              ReasonCodes.ACTOR_NOT_HUMAN,
              role
                  + " '"
                  + actor.id()
                  + "' is of"
                  + " type "
                  + actor.type()
                  + "; only humans may act as "
                  + role));
    }
    // every comparison is between canonical ids (docs/decisions.md §1)
    if (!allowSelf && actor.id().equals(Identities.listed(requester))) {
      return Optional.of(
          new Finding(
              "extensions.allow_self_approval",
              ReasonCodes.SELF_APPROVAL_FORBIDDEN,
              "'"
                  + actor.id()
                  + "' requested the operation and may not act as its "
                  + role
                  + " (extensions.allow_self_approval is false)"));
    }
    if (!allowed.isEmpty()
        && allowed.stream().map(Identities::listed).noneMatch(actor.id()::equals)) {
      return Optional.of(
          new Finding(
              ruleId,
              notAuthorizedCode,
              "'"
                  + actor.id()
                  + "' is not an authorized "
                  + role
                  + " of this pack ("
                  + ruleId
                  + ": "
                  + String.join(", ", allowed)
                  + ")"));
    }
    return Optional.empty();
  }
}
