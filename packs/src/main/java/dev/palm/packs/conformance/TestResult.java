package dev.palm.packs.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The result of one conformance test: its name, status, how long it took, the error when it failed,
 * warnings (for a skipped test, the reason) and free-form details.
 */
public record TestResult(
    String name,
    TestStatus status,
    Duration duration,
    Optional<String> error,
    List<String> warnings,
    Map<String, String> details) {

  /**
   * Checks the components and copies the collections; details are kept sorted by key for stable
   * reports.
   */
  public TestResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(error, "error");
    if (status == TestStatus.FAILED && error.isEmpty()) {
      throw new IllegalArgumentException("failed test '" + name + "' needs an error message");
    }
    warnings = List.copyOf(warnings);
    details = Collections.unmodifiableMap(new TreeMap<>(details));
  }

  /** A passed result without warnings. */
  public static TestResult passed(String name, Duration duration) {
    return new TestResult(name, TestStatus.PASSED, duration, Optional.empty(), List.of(), Map.of());
  }

  /** A failed result with {@code error}. */
  public static TestResult failed(String name, String error, Duration duration) {
    return new TestResult(
        name, TestStatus.FAILED, duration, Optional.of(error), List.of(), Map.of());
  }

  /** A skipped result; {@code reason} becomes its only warning and its duration is zero. */
  public static TestResult skipped(String name, String reason) {
    return new TestResult(
        name, TestStatus.SKIPPED, Duration.ZERO, Optional.empty(), List.of(reason), Map.of());
  }

  /** This result with {@code warning} appended. */
  public TestResult withWarning(String warning) {
    List<String> more = new ArrayList<>(warnings);
    more.add(Objects.requireNonNull(warning, "warning"));
    return new TestResult(name, status, duration, error, more, details);
  }

  /**
   * This result with the detail {@code key = value} added (replacing an earlier value of {@code
   * key}).
   */
  public TestResult withDetail(String key, String value) {
    Map<String, String> more = new TreeMap<>(details);
    more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new TestResult(name, status, duration, error, warnings, more);
  }

  /** True when the test passed. */
  public boolean isPassed() {
    return status == TestStatus.PASSED;
  }

  /** True when the test failed. */
  public boolean isFailed() {
    return status == TestStatus.FAILED;
  }

  /** True when the test was skipped. */
  public boolean isSkipped() {
    return status == TestStatus.SKIPPED;
  }
}
