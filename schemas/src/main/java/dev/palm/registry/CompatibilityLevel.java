package dev.palm.registry;

import java.util.Locale;

/**
 * A subject's compatibility level, as the Confluent REST API spells it, ordered from weakest to
 * strongest.
 */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  FORWARD,
  FULL,
  BACKWARD_TRANSITIVE,
  FORWARD_TRANSITIVE,
  FULL_TRANSITIVE;

  /** The level of the REST API's spelling, e.g. {@code BACKWARD_TRANSITIVE}. */
  public static CompatibilityLevel parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown compatibility level '"
              + text
              + "'; expected one of "
              + java.util.Arrays.toString(values()),
          e);
    }
  }

  /**
   * Whether a subject at this level refuses every schema that {@code required} refuses, i.e. this
   * level is at least as strict as {@code required} (FULL_TRANSITIVE covers everything;
   * BACKWARD_TRANSITIVE covers BACKWARD).
   */
  public boolean covers(CompatibilityLevel required) {
    if (this == required || required == NONE || this == FULL_TRANSITIVE) {
      return true;
    }
    return switch (required) {
      case BACKWARD -> this == BACKWARD_TRANSITIVE || this == FULL;
      case FORWARD -> this == FORWARD_TRANSITIVE || this == FULL;
      case FULL -> false;
      case BACKWARD_TRANSITIVE, FORWARD_TRANSITIVE -> false;
      default -> false;
    };
  }
}
