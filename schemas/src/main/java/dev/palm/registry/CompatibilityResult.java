package dev.palm.registry;

import java.util.List;

/**
 * The registry's verdict on a candidate schema against a subject's versions.
 *
 * @param compatible whether the registry would accept the schema
 * @param messages the registry's reasons when it would not (may be empty)
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {

  /** Copies the messages. */
  public CompatibilityResult {
    messages = List.copyOf(messages);
  }
}
