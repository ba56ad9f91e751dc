package dev.palm.packs.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationResultTest {

  private static final ValidationError ERROR =
      ValidationError.error("INVALID_LIMIT", "bad", "policy.limits.max_scale_up");
  private static final ValidationWarning WARNING = ValidationWarning.of("ZERO_RATE_LIMIT", "zero");

  @Test
  void passIsValidAndEmpty() {
    ValidationResult pass = ValidationResult.pass();

    assertThat(pass.valid()).isTrue();
    assertThat(pass.errors()).isEmpty();
    assertThat(pass.warnings()).isEmpty();
    assertThat(pass.suggestions()).isEmpty();
  }

  @Test
  void addingAnErrorMakesInvalidButWarningsAndSuggestionsDoNot() {
    ValidationResult warned =
        ValidationResult.pass().withWarning(WARNING).withSuggestion("try this");
    ValidationResult failed = warned.withError(ERROR);

    assertThat(warned.valid()).isTrue();
    assertThat(failed.valid()).isFalse();
    assertThat(failed.errors()).containsExactly(ERROR);
    assertThat(failed.warnings()).containsExactly(WARNING);
    assertThat(failed.suggestions()).containsExactly("try this");
    // The original result is unchanged: results are immutable values.
    assertThat(warned.errors()).isEmpty();
  }

  @Test
  void mergeAndsValidityAndConcatenatesFindingsInOrder() {
    ValidationResult first = ValidationResult.pass().withWarning(WARNING);
    ValidationResult second = ValidationResult.fail(List.of(ERROR)).withSuggestion("s");

    ValidationResult merged = first.merge(second);

    assertThat(merged.valid()).isFalse();
    assertThat(merged.errors()).containsExactly(ERROR);
    assertThat(merged.warnings()).containsExactly(WARNING);
    assertThat(merged.suggestions()).containsExactly("s");
    assertThat(ValidationResult.pass().merge(ValidationResult.pass()).valid()).isTrue();
    // The flag itself is ANDed, even for a result marked invalid without errors.
    ValidationResult invalidWithoutErrors =
        new ValidationResult(false, List.of(), List.of(), List.of());
    assertThat(ValidationResult.pass().merge(invalidWithoutErrors).valid()).isFalse();
    assertThat(invalidWithoutErrors.merge(ValidationResult.pass()).valid()).isFalse();
  }

  @Test
  void listsAreImmutableCopies() {
    ValidationResult result = ValidationResult.pass().withError(ERROR);

    assertThatThrownBy(() -> result.errors().add(ERROR))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void errorFactoriesSetSeverityAndField() {
    ValidationError critical = ValidationError.critical("INVALID_NAME", "m", "metadata.name");
    ValidationError plain = ValidationError.error("X", "m");

    assertThat(critical.isCritical()).isTrue();
    assertThat(critical.severity().spelling()).isEqualTo("critical");
    assertThat(plain.severity()).isEqualTo(ErrorSeverity.ERROR);
    assertThat(plain.field()).isEmpty();
    assertThat(critical.toString()).contains("critical", "INVALID_NAME", "metadata.name");
  }
}
