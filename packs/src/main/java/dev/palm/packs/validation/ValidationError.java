package dev.palm.packs.validation;

import java.util.Objects;
import java.util.Optional;

/**
 * One validation failure: a stable machine-readable {@code code} (e.g. {@code
 * CAPABILITY_MISMATCH}), a message that says what is wrong and what to do, the snake_case field
 * path it concerns (when there is one) and its severity.
 */
public record ValidationError(
    String code, String message, Optional<String> field, ErrorSeverity severity) {

  /** Checks that every component is present. */
  public ValidationError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(severity, "severity");
  }

  /**
   * An {@link ErrorSeverity#ERROR} about the field at {@code fieldPath} (snake_case, e.g. {@code
   * health.check_interval_secs}).
   */
  public static ValidationError error(String code, String message, String fieldPath) {
    return new ValidationError(code, message, Optional.of(fieldPath), ErrorSeverity.ERROR);
  }

  /** An {@link ErrorSeverity#ERROR} that concerns no single field. */
  public static ValidationError error(String code, String message) {
    return new ValidationError(code, message, Optional.empty(), ErrorSeverity.ERROR);
  }

  /** A {@link ErrorSeverity#CRITICAL} error about the field at {@code fieldPath}. */
  public static ValidationError critical(String code, String message, String fieldPath) {
    return new ValidationError(code, message, Optional.of(fieldPath), ErrorSeverity.CRITICAL);
  }

  /** True when this error is {@link ErrorSeverity#CRITICAL}. */
  public boolean isCritical() {
    return severity == ErrorSeverity.CRITICAL;
  }

  @Override
  public String toString() {
    return "["
        + severity.spelling()
        + "] "
        + code
        + field.map(f -> " (" + f + ")").orElse("")
        + ": "
        + message;
  }
}
