package dev.palm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palm.cli.ExitCode;
import dev.palm.cli.Palm;
import dev.palm.streams.infra.SharedInfra;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `palm bench` at tiny sizes on the shared in-process broker and registry: it runs both benchmarks,
 * each next to its baseline, and reports them in the documented structure. No figure is judged
 * (times are not asserted).
 */
@Tag("integration")
class BenchCommandTest {

  private record Result(int code, String out, String err) {}

  private static Result palm(String... args) {
    CommandLine cl = Palm.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void tinyRunReportsPipelineAndAuditNextToTheirBaselines() throws Exception {
    Result run =
        palm(
            "bench",
            "--bootstrap-servers",
            SharedInfra.bootstrapServers(),
            "--registry-url",
            SharedInfra.registryUrl(),
            "--operations",
            "200",
            "--warmup-operations",
            "20",
            "--deployments",
            "2",
            "--latency-seconds",
            "1",
            "--audit-records",
            "1000",
            "--algorithms",
            "sha256",
            "--json");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.path("environment").path("processors").asInt()).isPositive();
    assertThat(report.path("settings").path("operations").asInt()).isEqualTo(200);
    for (String system : new String[] {"palm", "baseline", "stateful_baseline"}) {
      JsonNode node = report.path("pipeline").path(system);
      assertThat(node.path("operations").asInt()).as(system).isEqualTo(200);
      assertThat(node.path("decisions").path("ALLOWED").asInt()).as(system).isEqualTo(200);
      assertThat(node.path("duplicates").asInt()).as(system).isZero();
      assertThat(node.has("ops_per_second")).isTrue();
      assertThat(node.path("decided_latency_ms").has("p50")).isTrue();
      assertThat(node.path("decided_latency_ms").has("p99")).isTrue();
      assertThat(node.path("visible_latency_ms").has("p99")).isTrue();
    }
    // three paced passes at 25, 50 and 90 % of PALM's measured rate, one second each
    JsonNode latency = report.path("pipeline").path("latency");
    assertThat(latency.size()).isEqualTo(3);
    double measured = report.path("pipeline").path("palm").path("ops_per_second").asDouble();
    int[] loads = {25, 50, 90};
    for (int i = 0; i < 3; i++) {
      JsonNode point = latency.get(i);
      assertThat(point.path("load_percent").asInt()).isEqualTo(loads[i]);
      int target = point.path("target_ops_per_second").asInt();
      // (the report rounds ops_per_second to 0.1, so the target is recomputed to within 1)
      assertThat(target)
          .isCloseTo(
              (int) Math.max(1, Math.round(measured * loads[i] / 100.0)),
              org.assertj.core.api.Assertions.within(1));
      assertThat(point.path("operations").asInt()).isEqualTo(target);
      assertThat(point.path("decisions").path("ALLOWED").asInt()).isEqualTo(target);
      assertThat(point.path("visible_latency_ms").has("p999")).isTrue();
    }
    assertThat(report.path("pipeline").path("latency_goal_ms").asInt()).isEqualTo(250);
    assertThat(report.path("pipeline").has("throughput_ratio")).isTrue();
    assertThat(report.path("pipeline").path("stateful_ratio").asDouble()).isPositive();
    // PALM writes at least a decision and an audit record per operation; the stateful baseline
    // copies that shape
    // (a decision and two audit records for each restart and create, a few startup records; the
    // latency passes' operations count too, or their output would inflate the shape)
    assertThat(report.path("pipeline").path("palm_output_per_operation").path("records").asDouble())
        .isBetween(2.0, 3.5);
    assertThat(
            report
                .path("pipeline")
                .path("palm_output_per_operation")
                .path("bytes_per_record")
                .asDouble())
        .isPositive();
    JsonNode audit = report.path("audit");
    assertThat(audit.size()).isEqualTo(1);
    assertThat(audit.get(0).path("algorithm").asText()).isEqualTo("sha256");
    assertThat(audit.get(0).path("records").asInt()).isEqualTo(1000);
    assertThat(audit.get(0).path("verifier").has("mb_per_second")).isTrue();
    assertThat(audit.get(0).path("baseline").has("records_per_second")).isTrue();
    assertThat(report.path("notes").toString()).contains("bench pack derived from 'mapleverse'");
    // progress: one line per phase on standard error, and the table stays off standard output with
    // --json
    assertThat(run.err())
        .contains(
            "baseline measured:",
            "palm setup:",
            "palm warm-up:",
            "palm measured:",
            "palm latency at 50% load:",
            "audit sha256:",
            "palm: stopped",
            "baseline: stopped",
            "stateful measured:",
            "stateful: stopped");
  }

  @Test
  void tableShowsEachFigureNextToItsBaseline() {
    Result run =
        palm("bench", "--skip-pipeline", "--audit-records", "500", "--algorithms", "sha384");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Audit verification", "verifier rec/s", "raw digest rec/s", "sha384")
        .doesNotContain("Pipeline throughput");
  }

  @Test
  void helpAndBadFlags() {
    Result help = palm("bench", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains("--operations", "--audit-records", "--json", "--bootstrap-servers", "baseline");

    assertThat(palm("bench", "--skip-pipeline", "--skip-audit").code())
        .isEqualTo(ExitCode.USAGE.code());
    Result blake = palm("bench", "--skip-pipeline", "--algorithms", "blake3");
    assertThat(blake.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(blake.err()).contains("sha256");
    Result noRegistry = palm("bench", "--bootstrap-servers", "127.0.0.1:1");
    assertThat(noRegistry.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(noRegistry.err()).contains("--registry-url");

    // --timeout takes a duration like --wait elsewhere; a bare number stays seconds
    Result badTimeout = palm("bench", "--skip-pipeline", "--timeout", "soon");
    assertThat(badTimeout.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(badTimeout.err()).contains("'soon' is not a duration");
    Result tooShort = palm("bench", "--skip-pipeline", "--timeout", "500ms");
    assertThat(tooShort.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(tooShort.err()).contains("--timeout at least 1s");
    for (String timeout : new String[] {"5m", "300"}) {
      Result ok =
          palm(
              "bench",
              "--skip-pipeline",
              "--timeout",
              timeout,
              "--audit-records",
              "200",
              "--algorithms",
              "sha256",
              "--json");
      assertThat(ok.code()).as(ok.err()).isZero();
    }
  }
}
