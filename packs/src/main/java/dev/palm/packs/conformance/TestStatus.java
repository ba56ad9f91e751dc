package dev.palm.packs.conformance;

import java.util.Locale;

/** The outcome of one conformance test: passed, failed, or skipped (not run). */
public enum TestStatus {
  /** The pack satisfied the test (possibly with warnings). */
  PASSED("✓"),
  /** The pack violated the test; the result's {@code error} says how. */
  FAILED("✗"),
  /** The test was not run; the result's first warning says why. */
  SKIPPED("○");

  private final String symbol;

  TestStatus(String symbol) {
    this.symbol = symbol;
  }

  /** The mark printed in text reports: ✓, ✗ or ○. */
  public String symbol() {
    return symbol;
  }

  /**
   * The lowercase spelling used in JSON reports ({@code passed}, {@code failed}, {@code skipped}).
   */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }
}
