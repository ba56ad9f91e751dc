package dev.palm.packs.conformance;

import java.util.Collection;
import java.util.List;

/**
 * Counts of a conformance run; a pack is {@code conformant} when no test failed and at least one
 * passed (skips and warnings don't count).
 */
public record ReportSummary(int total, int passed, int failed, int skipped, boolean conformant) {

  /** Counts {@code results} (the original's {@code finalize()}). */
  public static ReportSummary of(Collection<List<TestResult>> results) {
    int total = 0;
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    for (List<TestResult> category : results) {
      for (TestResult result : category) {
        total++;
        switch (result.status()) {
          case PASSED -> passed++;
          case FAILED -> failed++;
          case SKIPPED -> skipped++;
        }
      }
    }
    // a run that checked nothing proves nothing: it is not conformant
    return new ReportSummary(total, passed, failed, skipped, failed == 0 && passed > 0);
  }
}
