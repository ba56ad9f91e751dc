package dev.palm.packs.conformance;

import dev.palm.packs.PlatformPack;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Conformance checks for pack authors' unit tests (JUnit or any other framework): run the suite, or
 * assert that a pack is conformant and fail with the full text report when it is not.
 */
public final class TestHarness {

  private final ConformanceRunner runner;

  /** A harness with the default configuration. */
  public TestHarness() {
    this(ConformanceConfig.defaults());
  }

  /** A harness with {@code config}. */
  public TestHarness(ConformanceConfig config) {
    this.runner = new ConformanceRunner(config);
  }

  /** A harness with {@code config} (the original's {@code TestHarness::with_config}). */
  public static TestHarness withConfig(ConformanceConfig config) {
    return new TestHarness(config);
  }

  /** The configuration this harness runs with. */
  public ConformanceConfig config() {
    return runner.config();
  }

  /** Runs the suite against {@code pack}. */
  public ConformanceReport run(PlatformPack pack) {
    return runner.run(pack);
  }

  /**
   * Runs the suite against {@code pack} and returns the report when it is conformant.
   *
   * @throws AssertionError naming the pack and carrying the text report when it is not conformant
   *     (a plain {@code AssertionError}, which every test framework reports as a test failure)
   */
  public ConformanceReport assertConformant(PlatformPack pack) {
    ConformanceReport report = runner.run(pack);
    if (!report.isConformant()) {
      throw new AssertionError(
          "Platform pack '" + report.platformName() + "' is not conformant:\n" + report.toText());
    }
    return report;
  }

  /** Runs the suite against each pack, in order. */
  public List<ConformanceReport> runAll(Collection<? extends PlatformPack> packs) {
    List<ConformanceReport> reports = new ArrayList<>(packs.size());
    for (PlatformPack pack : packs) {
      reports.add(runner.run(pack));
    }
    return List.copyOf(reports);
  }

  /** Runs the suite against each pack and says whether all of them are conformant. */
  public ConformanceCheck checkAllConformant(Collection<? extends PlatformPack> packs) {
    List<ConformanceReport> reports = runAll(packs);
    return new ConformanceCheck(
        reports.stream().allMatch(ConformanceReport::isConformant), reports);
  }

  /**
   * The outcome of {@link #checkAllConformant}: whether every pack is conformant, and every report.
   *
   * @param allConformant true when every report is conformant (also true for no packs)
   * @param reports one report per pack, in the order given
   */
  public record ConformanceCheck(boolean allConformant, List<ConformanceReport> reports) {

    /** Copies the reports. */
    public ConformanceCheck {
      reports = List.copyOf(Objects.requireNonNull(reports, "reports"));
    }

    /** The reports of the packs that are not conformant. */
    public List<ConformanceReport> nonConformant() {
      return reports.stream().filter(report -> !report.isConformant()).toList();
    }
  }
}
