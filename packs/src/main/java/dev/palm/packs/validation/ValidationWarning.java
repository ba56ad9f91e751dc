package dev.palm.packs.validation;

import java.util.Objects;
import java.util.Optional;

/**
 * A non-fatal finding of validation: the pack stays valid, but its author should look at {@code
 * field}.
 */
public record ValidationWarning(String code, String message, Optional<String> field) {

  /** Checks that every component is present. */
  public ValidationWarning {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(field, "field");
  }

  /** A warning about the field at {@code fieldPath} (snake_case). */
  public static ValidationWarning of(String code, String message, String fieldPath) {
    return new ValidationWarning(code, message, Optional.of(fieldPath));
  }

  /** A warning that concerns no single field. */
  public static ValidationWarning of(String code, String message) {
    return new ValidationWarning(code, message, Optional.empty());
  }

  @Override
  public String toString() {
    return "[warning] " + code + field.map(f -> " (" + f + ")").orElse("") + ": " + message;
  }
}
