package dev.palm.packs.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What a conformance check found, before the runner adds the test's name and measured duration. */
record Outcome(Optional<String> error, List<String> warnings, Map<String, String> details) {

  Outcome {
    warnings = List.copyOf(warnings);
    details = Map.copyOf(details);
  }

  /** The check passed. */
  static Outcome pass() {
    return new Outcome(Optional.empty(), List.of(), Map.of());
  }

  /** The check failed with {@code error}. */
  static Outcome fail(String error) {
    return new Outcome(Optional.of(error), List.of(), Map.of());
  }

  /**
   * Passes when {@code errors} is empty, else fails with the errors joined by "; " (as the original
   * did).
   */
  static Outcome failIfAny(List<String> errors) {
    return errors.isEmpty() ? pass() : fail(String.join("; ", errors));
  }

  Outcome withWarning(String warning) {
    List<String> more = new ArrayList<>(warnings);
    more.add(warning);
    return new Outcome(error, more, details);
  }

  Outcome withDetail(String key, String value) {
    Map<String, String> more = new TreeMap<>(details);
    more.put(key, value);
    return new Outcome(error, warnings, more);
  }

  TestResult toResult(String name, Duration duration) {
    TestStatus status = error.isPresent() ? TestStatus.FAILED : TestStatus.PASSED;
    return new TestResult(name, status, duration, error, warnings, details);
  }
}
