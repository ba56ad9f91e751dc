package dev.palm.packs.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of validating a pack: whether it is {@code valid}, the errors that make it invalid,
 * warnings that do not, and free-text suggestions for improvement.
 *
 * <p>{@code valid} is normally "no errors", but it is kept as its own flag (as in the original
 * contract) so that {@link #merge} can AND the flags of two results.
 */
public record ValidationResult(
    boolean valid,
    List<ValidationError> errors,
    List<ValidationWarning> warnings,
    List<String> suggestions) {

  /** Copies the lists so that a result can never change after it was made. */
  public ValidationResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    suggestions = List.copyOf(suggestions);
  }

  /** A passing result with nothing to report. */
  public static ValidationResult pass() {
    return new ValidationResult(true, List.of(), List.of(), List.of());
  }

  /** A failing result carrying {@code errors}. */
  public static ValidationResult fail(List<ValidationError> errors) {
    return new ValidationResult(false, errors, List.of(), List.of());
  }

  /** This result plus {@code error}; the result becomes invalid. */
  public ValidationResult withError(ValidationError error) {
    return new ValidationResult(false, append(errors, error), warnings, suggestions);
  }

  /** This result plus {@code warning}; validity is unchanged. */
  public ValidationResult withWarning(ValidationWarning warning) {
    return new ValidationResult(valid, errors, append(warnings, warning), suggestions);
  }

  /** This result plus {@code suggestion}; validity is unchanged. */
  public ValidationResult withSuggestion(String suggestion) {
    return new ValidationResult(valid, errors, warnings, append(suggestions, suggestion));
  }

  /** Both results' findings, in order; valid only when both are valid. */
  public ValidationResult merge(ValidationResult other) {
    Objects.requireNonNull(other, "other");
    return new ValidationResult(
        valid && other.valid,
        concat(errors, other.errors),
        concat(warnings, other.warnings),
        concat(suggestions, other.suggestions));
  }

  /**
   * The codes of the errors, in order (a code may repeat, e.g. two {@code CAPABILITY_MISMATCH}).
   */
  public List<String> errorCodes() {
    return errors.stream().map(ValidationError::code).toList();
  }

  /** The codes of the warnings, in order. */
  public List<String> warningCodes() {
    return warnings.stream().map(ValidationWarning::code).toList();
  }

  /** True when at least one error is {@link ErrorSeverity#CRITICAL}. */
  public boolean hasCriticalErrors() {
    return errors.stream().anyMatch(ValidationError::isCritical);
  }

  /** A multi-line, human-readable listing of every finding (empty findings print "valid"). */
  public String describe() {
    StringBuilder out = new StringBuilder(valid ? "valid" : "INVALID");
    out.append(" (")
        .append(errors.size())
        .append(" errors, ")
        .append(warnings.size())
        .append(" warnings, ")
        .append(suggestions.size())
        .append(" suggestions)");
    String lines =
        java.util.stream.Stream.of(
                errors.stream().map(ValidationError::toString),
                warnings.stream().map(ValidationWarning::toString),
                suggestions.stream().map(s -> "[suggestion] " + s))
            .flatMap(s -> s)
            .map(s -> "\n  " + s)
            .collect(Collectors.joining());
    return out.append(lines).toString();
  }

  private static <T> List<T> append(List<T> list, T item) {
    Objects.requireNonNull(item, "item");
    List<T> copy = new ArrayList<>(list.size() + 1);
    copy.addAll(list);
    copy.add(item);
    return copy;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> copy = new ArrayList<>(a.size() + b.size());
    copy.addAll(a);
    copy.addAll(b);
    return copy;
  }
}
