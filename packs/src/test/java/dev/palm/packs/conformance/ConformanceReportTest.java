package dev.palm.packs.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palm.packs.PackError;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.canonical.FinalversePack;
import dev.palm.packs.canonical.MapleversePack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConformanceReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConformanceRunner runner = new ConformanceRunner(new ConformanceConfig());

  @Test
  void textOfAConformantPackListsEveryTestPerCategoryInOrder() {
    String text = runner.run(new FinalversePack()).toText();

    assertThat(text)
        .contains(
            "PALM Platform Pack Conformance Report",
            "Platform: finalverse",
            "Timestamp: ",
            "✓ metadata_completeness",
            "✓ finalverse_conservative_recovery",
            "Warning: encrypt_at_rest is enabled but encryption_key_id",
            "Total: 10",
            "Passed: 10",
            "Failed: 0",
            "Result: ✓ CONFORMANT");
    assertThat(text).doesNotContain("✗", "NON-CONFORMANT", "Config:");
    assertThat(text.indexOf("Core Tests:")).isLessThan(text.indexOf("Behavioral Tests:"));
    assertThat(text.indexOf("Behavioral Tests:"))
        .isLessThan(text.indexOf("Platform-Specific Tests:"));
    assertThat(text.indexOf("Platform-Specific Tests:")).isLessThan(text.indexOf("Summary:"));
    assertThat(text.indexOf("metadata_completeness")).isLessThan(text.indexOf("config_validity"));
  }

  @Test
  void textOfAFailingPackShowsCrossesErrorsSkipsAndTheVerdict() {
    PlatformPack pack =
        Packs.withProfile(
            Packs.withMetadata(new MapleversePack(), m -> m.version("")),
            PlatformProfile.DEVELOPMENT);

    String text = runner.run(pack).toText();

    assertThat(text)
        .contains(
            "✗ metadata_completeness",
            "Error: metadata.version is empty",
            "○ platform_specific",
            "Warning: No platform-specific tests for this profile",
            "Skipped: 1",
            "Result: ✗ NON-CONFORMANT");
  }

  @Test
  void everyLineOfTheTextReportFitsTheBox() {
    PlatformPack pack =
        Packs.withResources(
            Packs.withMetadata(new MapleversePack(), m -> m.name("bad name")),
            r ->
                r.toBuilder()
                    .scaling(r.scaling().toBuilder().minInstances(900).maxInstances(10).build())
                    .build());
    ConformanceReport report =
        new ConformanceRunner(new ConformanceConfig().withVerbose(true)).run(pack);

    List<String> lines = report.toText().lines().toList();

    int width = lines.get(0).codePointCount(0, lines.get(0).length());
    assertThat(lines)
        .allSatisfy(
            line -> {
              assertThat(line.codePointCount(0, line.length())).as(line).isEqualTo(width);
              assertThat("╔║╠╟╚").contains(line.substring(0, 1));
              assertThat("╗║╣╢╝").contains(line.substring(line.length() - 1));
            });
    // The long error is wrapped, not cut: every word of it is still there.
    String joined =
        String.join(
            " ", report.toText().lines().map(l -> l.substring(1, l.length() - 1).trim()).toList());
    assertThat(joined)
        .contains(
            "resources.scaling.min_instances is 900 but resources.scaling.max_instances is 10");
  }

  @Test
  void verboseTextAddsTheConfigurationAndEveryDetail() {
    PlatformPack rejecting =
        Packs.scripted(
            new MapleversePack(),
            Packs::nothing,
            Packs::nothing,
            spec -> {
              throw new PackException(PackError.INCOMPATIBLE_SPEC, "no agents today");
            });

    String quiet = runner.run(rejecting).toText();
    String verbose =
        new ConformanceRunner(new ConformanceConfig().withVerbose(true)).run(rejecting).toText();

    assertThat(quiet).doesNotContain("Detail:", "Config:");
    assertThat(verbose)
        .contains(
            "Config: core=true, behavioral=true,",
            "test_timeout=30s",
            "continue_on_failure=true",
            "Detail: validation_result = Rejected: no agents today");
  }

  @Test
  void jsonHasStableSnakeCaseFieldsAndEveryResult() throws Exception {
    ConformanceReport report = runner.run(new FinalversePack());

    JsonNode json = JSON.readTree(report.toJson());

    assertThat(report.toJson()).contains("\n  \"platform_name\" : \"finalverse\"");
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "platform_name",
            "timestamp",
            "duration_ms",
            "conformant",
            "summary",
            "config",
            "results");
    assertThat(Instant.parse(json.get("timestamp").asText())).isEqualTo(report.timestamp());
    assertThat(json.get("conformant").asBoolean()).isTrue();
    assertThat(json.get("summary").toString())
        .isEqualTo("{\"total\":10,\"passed\":10,\"failed\":0,\"skipped\":0,\"conformant\":true}");
    assertThat(json.get("config").get("test_timeout_ms").asDouble()).isEqualTo(30_000.0);
    assertThat(json.get("results").fieldNames())
        .toIterable()
        .containsExactly("core", "behavioral", "platform_specific");
    JsonNode configValidity = json.get("results").get("core").get(1);
    assertThat(configValidity.fieldNames())
        .toIterable()
        .containsExactly(
            "name", "category", "status", "duration_ms", "error", "warnings", "details");
    assertThat(configValidity.get("name").asText()).isEqualTo("config_validity");
    assertThat(configValidity.get("category").asText()).isEqualTo("core");
    assertThat(configValidity.get("status").asText()).isEqualTo("passed");
    assertThat(configValidity.get("error").isNull()).isTrue();
    assertThat(configValidity.get("warnings").get(0).asText())
        .startsWith("encrypt_at_rest is enabled");
    assertThat(json.get("results").get("platform_specific").get(2).get("name").asText())
        .isEqualTo("finalverse_conservative_recovery");
  }

  @Test
  void jsonOfAFailureCarriesTheErrorAndSkipReason() throws Exception {
    PlatformPack pack = Packs.withMetadata(new MapleversePack(), m -> m.version(""));
    ConformanceReport report =
        new ConformanceRunner(new ConformanceConfig().withContinueOnFailure(false)).run(pack);

    JsonNode json = JSON.readTree(report.toJson());

    assertThat(json.get("conformant").asBoolean()).isFalse();
    JsonNode first = json.get("results").get("core").get(0);
    assertThat(first.get("status").asText()).isEqualTo("failed");
    assertThat(first.get("error").asText()).isEqualTo("metadata.version is empty");
    JsonNode skipped = json.get("results").get("behavioral").get(0);
    assertThat(skipped.get("status").asText()).isEqualTo("skipped");
    assertThat(skipped.get("duration_ms").asDouble()).isZero();
    assertThat(skipped.get("warnings").get(0).asText()).contains("continue_on_failure is false");
  }

  @Test
  void summaryAndVerdictFollowTheResults() {
    ConformanceReport report =
        new ConformanceReport(
            "x",
            Instant.EPOCH,
            Duration.ofMillis(3),
            new ConformanceConfig(),
            Map.of(
                TestCategory.BEHAVIORAL,
                List.of(TestResult.skipped("b", "why")),
                TestCategory.CORE,
                List.of(
                    TestResult.passed("a", Duration.ofMillis(1)),
                    TestResult.failed("c", "broken", Duration.ofMillis(1)).withWarning("w"))));

    assertThat(report.results().keySet())
        .containsExactly(TestCategory.CORE, TestCategory.BEHAVIORAL);
    assertThat(report.summary()).isEqualTo(new ReportSummary(3, 1, 1, 1, false));
    assertThat(report.isConformant()).isFalse();
    assertThat(report.passedCount()).isEqualTo(1);
    assertThat(report.failedCount()).isEqualTo(1);
    assertThat(report.skippedCount()).isEqualTo(1);
    assertThat(report.toText())
        .contains("Timestamp: 1970-01-01 00:00:00 UTC", "Duration: 3ms", "Warning: w");
    assertThat(TestCategory.PLATFORM_SPECIFIC).hasToString("Platform-Specific");
  }
}
