package dev.palm.packs.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What a conformance check found, before the runner adds the test's name and measured duration. */
record CheckOutcome(Optional<String> error, List<String> warnings, Map<String, String> details) {

  CheckOutcome {
    warnings = List.copyOf(warnings);
    details = Map.copyOf(details);
  }

  /** The check passed. */
  static CheckOutcome pass() {
    return new CheckOutcome(Optional.empty(), List.of(), Map.of());
  }

  /** The check failed with {@code error}. */
  static CheckOutcome fail(String error) {
    return new CheckOutcome(Optional.of(error), List.of(), Map.of());
  }

  /**
   * Passes when {@code errors} is empty, else fails with the errors joined by "; " (as the original
   * did).
   */
  static CheckOutcome failIfAny(List<String> errors) {
    return errors.isEmpty() ? pass() : fail(String.join("; ", errors));
  }

  CheckOutcome withWarning(String warning) {
    List<String> more = new ArrayList<>(warnings);
    more.add(warning);
    return new CheckOutcome(error, more, details);
  }

  CheckOutcome withDetail(String key, String value) {
    Map<String, String> more = new TreeMap<>(details);
    more.put(key, value);
    return new CheckOutcome(error, warnings, more);
  }

  TestResult toResult(String name, Duration duration) {
    TestStatus status = error.isPresent() ? TestStatus.FAILED : TestStatus.PASSED;
    return new TestResult(name, status, duration, error, warnings, details);
  }
}
