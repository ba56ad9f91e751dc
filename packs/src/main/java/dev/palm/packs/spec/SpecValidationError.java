package dev.palm.packs.spec;

import java.util.Objects;

/** Why {@link AgentSpec#validate()} rejects a spec (the original's {@code SpecValidationError}). */
public sealed interface SpecValidationError {

  /** The human-readable message, as in the original. */
  String message();

  /** The spec's name is empty. */
  record EmptyName() implements SpecValidationError {
    @Override
    public String message() {
      return "Agent name cannot be empty";
    }
  }

  /**
   * The resource requirements are unusable.
   *
   * @param reason which requirement is wrong, e.g. {@code attention_budget must be > 0}
   */
  record InvalidResourceRequirements(String reason) implements SpecValidationError {

    /** Checks that the reason is present. */
    public InvalidResourceRequirements {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String message() {
      return "Invalid resource requirements: " + reason;
    }
  }
}
