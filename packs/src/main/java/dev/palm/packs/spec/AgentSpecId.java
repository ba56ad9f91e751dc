package dev.palm.packs.spec;

import java.util.Objects;
import java.util.UUID;

/**
 * The unique id of an agent spec.
 *
 * @param value the id text (a UUID for generated ids)
 */
public record AgentSpecId(String value) {

  /** Checks that the id is not blank. */
  public AgentSpecId {
    Objects.requireNonNull(value, "agent spec id must not be null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("agent spec id must not be blank");
    }
  }

  /** Returns a new random (UUID) id. */
  public static AgentSpecId generate() {
    return new AgentSpecId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
