package dev.palm.streams.topics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when an existing audit or checkpoint topic is weaker than a loaded pack demands
 * (compacted, or retaining less), so the pipeline refuses to start instead of silently losing
 * compliance records.
 */
public final class TopicPolicyViolation extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The flag of the pipeline command that lets the provisioner fix the topics. */
  public static final String REPAIR_FLAG = "--repair";

  private final transient List<TopicSettingMismatch> violations;

  /** Creates the exception for the given blocking mismatches (at least one). */
  public TopicPolicyViolation(List<TopicSettingMismatch> violations) {
    super(message(violations));
    this.violations = List.copyOf(violations);
  }

  /** The settings that block the start, in topic order. */
  public List<TopicSettingMismatch> violations() {
    return violations;
  }

  private static String message(List<TopicSettingMismatch> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("A TopicPolicyViolation needs at least one violation");
    }
    String lines =
        violations.stream().map(v -> "  - " + v.describe()).collect(Collectors.joining("\n"));
    return "Refusing to start: "
        + violations.size()
        + " setting(s) of existing audit/checkpoint topics are weaker"
        + " than the loaded packs require:\n"
        + lines
        + "\nRun with "
        + REPAIR_FLAG
        + " to change them to the"
        + " required values (each repair is recorded in the pack's audit trail), or fix the topics by hand.";
  }
}
