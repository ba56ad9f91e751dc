package dev.palm.client;

import java.util.List;
import java.util.Objects;

/**
 * Thrown when a pack has no topics on the cluster: it is not loaded by any pipeline there (or the
 * topic prefix is wrong); the message names the packs that are.
 */
public final class UnknownPackException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String pack;
  private final List<String> knownPacks;

  public UnknownPackException(
      String pack, String missingTopic, List<String> knownPacks, String prefix) {
    super(message(pack, missingTopic, knownPacks, prefix));
    this.pack = Objects.requireNonNull(pack, "pack");
    this.knownPacks = List.copyOf(knownPacks);
  }

  /** The pack asked for. */
  public String pack() {
    return pack;
  }

  /** Packs whose topics exist under the prefix, sorted. */
  public List<String> knownPacks() {
    return knownPacks;
  }

  private static String message(String pack, String topic, List<String> known, String prefix) {
    String base = "Unknown pack '" + pack + "': topic " + topic + " does not exist";
    if (known.isEmpty()) {
      return base
          + "; no pack has topics under the prefix '"
          + prefix
          + "' (is the pipeline running, and is --topic-prefix right?)";
    }
    return base + "; known packs: " + String.join(", ", known);
  }
}
