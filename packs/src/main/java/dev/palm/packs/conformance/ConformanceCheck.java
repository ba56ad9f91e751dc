package dev.palm.packs.conformance;

import dev.palm.packs.PlatformPack;

/**
 * One named check of the suite; the runner times it, bounds it by the test timeout and records its
 * outcome.
 */
record ConformanceCheck(String name, TestCategory category, Body body) {

  /** The check itself; it may throw, which the runner records as a failure of this test. */
  @FunctionalInterface
  interface Body {
    CheckOutcome check(PlatformPack pack) throws Exception;
  }
}
