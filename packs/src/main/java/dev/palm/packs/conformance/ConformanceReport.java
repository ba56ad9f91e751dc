package dev.palm.packs.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of running the conformance suite against one pack: its results per category (in Core,
 * Behavioral, Platform-Specific order), with a summary, a readable text form and a JSON form.
 *
 * @param platformName the pack's {@code metadata.name}
 * @param timestamp when the run started
 * @param duration how long the whole run took
 * @param config the configuration the run used ({@code verbose} decides how much {@link #toText()}
 *     shows)
 * @param results the results of each category that ran, in run order
 */
public record ConformanceReport(
    String platformName,
    Instant timestamp,
    Duration duration,
    ConformanceConfig config,
    Map<TestCategory, List<TestResult>> results) {

  private static final int INNER_WIDTH = 78;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Checks the components and freezes the results, ordered by category. */
  public ConformanceReport {
    Objects.requireNonNull(platformName, "platformName");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(config, "config");
    // EnumMap keeps the category order; built empty first because EnumMap(Map) rejects an empty
    // HashMap.
    EnumMap<TestCategory, List<TestResult>> ordered = new EnumMap<>(TestCategory.class);
    results.forEach((category, list) -> ordered.put(category, List.copyOf(list)));
    results = Collections.unmodifiableMap(ordered);
  }

  /** The counts of this run; computed from the results, so it always agrees with them. */
  public ReportSummary summary() {
    return ReportSummary.of(results.values());
  }

  /** True when no test failed. */
  public boolean isConformant() {
    return summary().conformant();
  }

  /** The results of {@code category}, empty when it did not run. */
  public List<TestResult> results(TestCategory category) {
    return results.getOrDefault(category, List.of());
  }

  /** Every result, in category order. */
  public List<TestResult> allResults() {
    List<TestResult> all = new ArrayList<>();
    results.values().forEach(all::addAll);
    return List.copyOf(all);
  }

  /** The result of the test called {@code name}, if it ran or was skipped. */
  public Optional<TestResult> result(String name) {
    return allResults().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** The failed results, in category order. */
  public List<TestResult> failures() {
    return allResults().stream().filter(TestResult::isFailed).toList();
  }

  /** Number of passed tests. */
  public int passedCount() {
    return summary().passed();
  }

  /** Number of failed tests. */
  public int failedCount() {
    return summary().failed();
  }

  /** Number of skipped tests. */
  public int skippedCount() {
    return summary().skipped();
  }

  /**
   * A box-drawn report for people: a ✓ (passed), ✗ (failed) or ○ (skipped) line per test under each
   * category, each test's error and warnings, a summary and the verdict ("Result: ✓ CONFORMANT" or
   * "Result: ✗ NON-CONFORMANT"). A verbose configuration adds the run's settings and every test's
   * details.
   */
  public String toText() {
    ReportSummary summary = summary();
    StringBuilder out = new StringBuilder();
    out.append('╔').append("═".repeat(INNER_WIDTH)).append("╗\n");
    row(out, "  PALM Platform Pack Conformance Report");
    separator(out, '╠', '═', '╣');
    row(out, "  Platform: " + platformName);
    row(out, "  Timestamp: " + TIMESTAMP.format(timestamp));
    row(out, "  Duration: " + Durations.human(duration));
    if (config.verbose()) {
      wrapped(
          out,
          "  Config: ",
          "core="
              + config.runCore()
              + ", behavioral="
              + config.runBehavioral()
              + ", platform_specific="
              + config.runPlatformSpecific()
              + ", test_timeout="
              + Durations.human(config.testTimeout())
              + ", continue_on_failure="
              + config.continueOnFailure()
              + ", verbose=true");
    }
    separator(out, '╠', '═', '╣');
    for (Map.Entry<TestCategory, List<TestResult>> entry : results.entrySet()) {
      row(out, "  " + entry.getKey().displayName() + " Tests:");
      separator(out, '╟', '─', '╢');
      for (TestResult result : entry.getValue()) {
        String time = Durations.human(result.duration());
        String head = "  " + result.status().symbol() + " " + result.name();
        int gap = Math.max(1, INNER_WIDTH - 2 - head.length() - time.length());
        row(out, head + " ".repeat(gap) + time);
        result.error().ifPresent(error -> wrapped(out, "      Error: ", error));
        for (String warning : result.warnings()) {
          wrapped(out, "      Warning: ", warning);
        }
        if (config.verbose()) {
          result
              .details()
              .forEach((key, value) -> wrapped(out, "      Detail: ", key + " = " + value));
        }
      }
      separator(out, '╟', '─', '╢');
    }
    separator(out, '╠', '═', '╣');
    row(out, "  Summary:");
    row(
        out,
        String.format(
            "    Total: %-5d  Passed: %-5d  Failed: %-5d  Skipped: %-5d",
            summary.total(), summary.passed(), summary.failed(), summary.skipped()));
    row(out, "");
    row(out, summary.conformant() ? "  Result: ✓ CONFORMANT" : "  Result: ✗ NON-CONFORMANT");
    out.append('╚').append("═".repeat(INNER_WIDTH)).append("╝\n");
    return out.toString();
  }

  /**
   * The report as pretty-printed JSON with stable snake_case field names: {@code platform_name},
   * {@code timestamp} (ISO-8601), {@code duration_ms}, {@code conformant}, {@code summary}, {@code
   * config} and {@code results} (an object keyed {@code core}, {@code behavioral}, {@code
   * platform_specific}, each a list of tests with {@code name}, {@code category}, {@code status},
   * {@code duration_ms}, {@code error}, {@code warnings}, {@code details}).
   */
  public String toJson() {
    try {
      return JSON.writeValueAsString(toJsonTree());
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serialises; reaching this is a bug in Jackson or here.
      throw new UncheckedIOException(
          "could not write the conformance report of " + platformName + " as JSON", e);
    }
  }

  /** The JSON form as a Jackson tree, for callers that embed the report in a larger document. */
  public ObjectNode toJsonTree() {
    ReportSummary summary = summary();
    ObjectNode root = JSON.createObjectNode();
    root.put("platform_name", platformName);
    root.put("timestamp", timestamp.toString());
    root.put("duration_ms", Durations.millis(duration));
    root.put("conformant", summary.conformant());
    ObjectNode counts = root.putObject("summary");
    counts.put("total", summary.total());
    counts.put("passed", summary.passed());
    counts.put("failed", summary.failed());
    counts.put("skipped", summary.skipped());
    counts.put("conformant", summary.conformant());
    ObjectNode settings = root.putObject("config");
    settings.put("run_core", config.runCore());
    settings.put("run_behavioral", config.runBehavioral());
    settings.put("run_platform_specific", config.runPlatformSpecific());
    settings.put("test_timeout_ms", Durations.millis(config.testTimeout()));
    settings.put("continue_on_failure", config.continueOnFailure());
    settings.put("verbose", config.verbose());
    ObjectNode byCategory = root.putObject("results");
    results.forEach(
        (category, list) -> {
          ArrayNode tests = byCategory.putArray(category.key());
          for (TestResult result : list) {
            ObjectNode test = tests.addObject();
            test.put("name", result.name());
            test.put("category", category.key());
            test.put("status", result.status().spelling());
            test.put("duration_ms", Durations.millis(result.duration()));
            if (result.error().isPresent()) {
              test.put("error", result.error().get());
            } else {
              test.putNull("error");
            }
            ArrayNode warnings = test.putArray("warnings");
            result.warnings().forEach(warnings::add);
            ObjectNode details = test.putObject("details");
            result.details().forEach(details::put);
          }
        });
    return root;
  }

  private static void separator(StringBuilder out, char left, char fill, char right) {
    out.append(left).append(String.valueOf(fill).repeat(INNER_WIDTH)).append(right).append('\n');
  }

  private static void row(StringBuilder out, String content) {
    out.append('║').append(content);
    int pad = INNER_WIDTH - content.codePointCount(0, content.length());
    if (pad > 0) {
      out.append(" ".repeat(pad));
    }
    out.append("║\n");
  }

  // Long messages are wrapped at word boundaries so the box stays closed on the right.
  private static void wrapped(StringBuilder out, String label, String text) {
    String indent = " ".repeat(label.length());
    int room = INNER_WIDTH - label.length() - 1;
    String prefix = label;
    StringBuilder line = new StringBuilder();
    for (String word : text.replace('\n', ' ').split(" ")) {
      while (word.length() > room) {
        if (line.length() > 0) {
          row(out, prefix + line);
          prefix = indent;
          line.setLength(0);
        }
        row(out, prefix + word.substring(0, room));
        prefix = indent;
        word = word.substring(room);
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > room) {
        row(out, prefix + line);
        prefix = indent;
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0 || prefix.equals(label)) {
      row(out, prefix + line);
    }
  }
}
