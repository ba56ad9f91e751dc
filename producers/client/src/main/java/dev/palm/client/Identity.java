package dev.palm.client;

import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Who acts through a client: the requester of an operation, an approver, a hold releaser or an
 * executor.
 *
 * @param id stable identifier (user name, agent id or service account), matched against the pack's
 *     approvers
 * @param type kind of actor
 */
public record Identity(String id, ActorType type) {

  public Identity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    if (id.isBlank()) {
      throw new IllegalArgumentException("An actor id must not be blank");
    }
    if (type == ActorType.UNKNOWN) {
      throw new IllegalArgumentException(
          "Actor '" + id + "' needs a known type: one of " + knownTypes());
    }
  }

  /** A human actor, e.g. an approver. */
  public static Identity human(String id) {
    return new Identity(id, ActorType.HUMAN);
  }

  /** An AI agent. */
  public static Identity agent(String id) {
    return new Identity(id, ActorType.AGENT);
  }

  /** A service account, e.g. the executor that reports outcomes. */
  public static Identity service(String id) {
    return new Identity(id, ActorType.SERVICE);
  }

  /**
   * An identity with a type given as text ({@code human}, {@code agent}, {@code service}, {@code
   * system}).
   */
  public static Identity of(String id, String type) {
    return new Identity(id, parseType(type));
  }

  /**
   * Parses an actor type, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ActorType parseType(String type) {
    Objects.requireNonNull(type, "type");
    try {
      ActorType parsed = ActorType.valueOf(type.strip().toUpperCase(Locale.ROOT));
      if (parsed != ActorType.UNKNOWN) {
        return parsed;
      }
    } catch (IllegalArgumentException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "Unknown actor type '" + type + "'; use one of " + knownTypes());
  }

  /** The Avro form. */
  public Actor toAvro() {
    return new Actor(id, type);
  }

  private static String knownTypes() {
    return Arrays.stream(ActorType.values())
        .filter(t -> t != ActorType.UNKNOWN)
        .map(t -> t.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
