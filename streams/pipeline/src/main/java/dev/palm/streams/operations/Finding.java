package dev.palm.streams.operations;

import java.util.Objects;

/**
 * One reason behind a decision: the pack rule that produced it, a machine-readable code and a
 * message for people, e.g. {@code limits.max_scale_up / SCALE_UP_EXCEEDED / "scale up by 12 exceeds
 * max_scale_up 10"}.
 *
 * @param ruleId the pack rule, spelled as its path in the pack file
 * @param reasonCode one of {@link ReasonCodes}
 * @param message a sentence naming the rule, the limit and the value found
 */
public record Finding(String ruleId, String reasonCode, String message) {

  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(message, "message");
  }
}
