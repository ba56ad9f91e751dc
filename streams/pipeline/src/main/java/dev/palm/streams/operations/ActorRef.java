package dev.palm.streams.operations;

import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import java.util.Locale;
import java.util.Objects;

/**
 * Who acted, as recorded in the audit trail: an actor id and its kind in the audit spelling ({@code
 * human|agent|service|system}, {@code unknown} for a kind this version does not know).
 *
 * @param id actor id; empty when the request named no actor
 * @param type lower-case actor kind
 */
public record ActorRef(String id, String type) {

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
  }

  /** Converts an Avro actor; null (no actor) becomes {@link #MISSING}. */
  public static ActorRef of(Actor actor) {
    if (actor == null) {
      return MISSING;
    }
    return new ActorRef(
        actor.getId() == null ? "" : actor.getId(),
        actor.getType() == null ? "unknown" : actor.getType().name().toLowerCase(Locale.ROOT));
  }

  /** Whether this is a human, the only kind that may approve operations or release holds. */
  public boolean isHuman() {
    return type.equals(ActorType.HUMAN.name().toLowerCase(Locale.ROOT));
  }

  /** Whether the actor has an id and a known kind. */
  public boolean isIdentified() {
    return !id.isBlank() && !type.equals("unknown");
  }
}
