package dev.palm.streams.operations;

import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who acted, as recorded in the audit trail: the actor's canonical id ({@link Identities}), its
 * kind in the audit spelling ({@code human|agent|service|system}, {@code unknown} for a kind this
 * version does not know), and the id as it was sent.
 *
 * @param id canonical actor id; empty when the request named no usable identity
 * @param type lower-case actor kind
 * @param asSent the id as sent (bounded, control characters escaped), kept as evidence
 */
public record ActorRef(String id, String type, String asSent) {

  /**
   * The actor id under which the pipeline records its own acts (expiries, auto-releases,
   * escalations).
   */
  public static final String SYSTEM_ID = "palm-system";

  /** The pipeline itself. */
  public static final ActorRef SYSTEM = new ActorRef(SYSTEM_ID, "system");

  /** Stand-in recorded when a request carries no usable actor. */
  public static final ActorRef MISSING = new ActorRef("", "unknown");

  public ActorRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    asSent = asSent == null ? id : asSent;
  }

  /** An actor whose id is already canonical. */
  public ActorRef(String id, String type) {
    this(id, type, id);
  }

  /**
   * Converts an Avro actor: the id is canonicalized; null (no actor) becomes {@link #MISSING}, an
   * id that is no identity an actor with an empty id (its text kept in {@link #asSent()}).
   */
  public static ActorRef of(Actor actor) {
    if (actor == null) {
      return MISSING;
    }
    String raw = actor.getId() == null ? "" : actor.getId();
    return new ActorRef(
        Identities.canonical(raw).id().orElse(""),
        actor.getType() == null ? "unknown" : actor.getType().name().toLowerCase(Locale.ROOT),
        Identities.evidence(raw));
  }

  /** Whether this is a human, the only kind that may approve operations or release holds. */
  public boolean isHuman() {
    return type.equals(ActorType.HUMAN.name().toLowerCase(Locale.ROOT));
  }

  /** Whether the actor has an id and a known kind. */
  public boolean isIdentified() {
    return !id.isBlank() && !type.equals("unknown");
  }

  /** Why the id sent is not a usable identity (or is reserved), if it is not. */
  public Optional<String> identityProblem() {
    if (id.isEmpty()) {
      if (asSent.isEmpty()) {
        return Optional.of("no actor id");
      }
      return Optional.of(
          "the id sent ('"
              + asSent
              + "') is not an identity: blank, longer than "
              + Identities.MAX_LENGTH
              + " characters, or with control, format or separator characters");
    }
    // inputs never speak for the pipeline, not even as SYSTEM: its own acts are not inputs
    if (Identities.isReserved(id)) {
      return Optional.of(
          "'" + id + "' is reserved for the pipeline's own acts (ids starting with 'palm-')");
    }
    return Optional.empty();
  }

  /** Whether the id sent differs from its canonical form (recorded next to it in the audit). */
  public boolean respelled() {
    return !asSent.equals(id);
  }
}
