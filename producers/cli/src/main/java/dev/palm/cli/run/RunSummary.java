package dev.palm.cli.run;

import dev.palm.events.Decision;
import dev.palm.streams.query.AuditTrails;
import dev.palm.streams.sample.Expect;
import dev.palm.streams.sample.SampleCase;
import dev.palm.streams.sample.SkippedPath;
import dev.palm.streams.sample.WorkloadReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prints the summary of `palm run`: outcomes and audit trails per pack, every decision path with
 * whether the pipeline decided it as the pack demands, the paths not exercised and why, what is
 * left pending or held, and the verdict.
 */
final class RunSummary {

  private static final String CAPACITY_FILL = "capacity fill";

  private final PrintWriter out;

  RunSummary(PrintWriter out) {
    this.out = out;
  }

  void print(WorkloadReport report) {
    out.println();
    out.println("Summary of run " + report.runId());
    packTable(report);
    paths(report);
    open(report);
    verdict(report);
    out.flush();
  }

  private void packTable(WorkloadReport report) {
    Map<String, AuditTrails.PackAudit> audits =
        report.audits().stream()
            .collect(Collectors.toMap(AuditTrails.PackAudit::pack, Function.identity()));
    String format = "  %-12s %5s %8s %7s %5s %8s %10s %8s  %-12s %s%n";
    out.printf(
        format,
        "PACK",
        "OPS",
        "ALLOWED",
        "DENIED",
        "HELD",
        "PENDING",
        "ESCALATED",
        "AUDIT",
        "CHAIN",
        "CHECKPOINTS");
    for (WorkloadReport.PackOutcome p : report.packs()) {
      AuditTrails.PackAudit audit = audits.get(p.pack());
      String chain =
          audit == null
              ? "not read"
              : audit.verification().intact()
                  ? "verified"
                  : audit.verification().status().name().toLowerCase();
      String checkpoints =
          audit == null
              ? "-"
              : audit.checkpoints() == 0
                  ? "0"
                  : audit.checkpoints()
                      + (audit.checkpointsSigned() == audit.checkpoints()
                          ? " (signed)"
                          : " ("
                              + (audit.checkpoints() - audit.checkpointsSigned())
                              + " bad signature)");
      out.printf(
          format,
          p.pack(),
          p.operations(),
          p.count(Decision.ALLOWED),
          p.count(Decision.DENIED),
          p.count(Decision.HELD),
          p.count(Decision.PENDING_APPROVAL),
          p.escalations(),
          audit == null ? "-" : Long.toString(audit.records()),
          chain,
          checkpoints);
    }
    out.println(
        "  (outcome of each operation by its latest decision; AUDIT = records in the pack's audit topic,"
            + " read from the beginning; CHAIN = hash chain checked from genesis)");
  }

  private void paths(WorkloadReport report) {
    out.println();
    out.println("Decision paths (ok = every expected decision seen, in order, and nothing else)");
    Map<String, List<WorkloadReport.CaseResult>> byPack =
        new TreeMap<>(
            report.cases().stream().collect(Collectors.groupingBy(c -> c.sampleCase().pack())));
    Map<String, List<SkippedPath>> skippedByPack =
        new TreeMap<>(report.skipped().stream().collect(Collectors.groupingBy(SkippedPath::pack)));
    Map<String, WorkloadReport.BurstResult> bursts =
        report.bursts().stream()
            .collect(Collectors.toMap(WorkloadReport.BurstResult::pack, Function.identity()));
    java.util.TreeSet<String> packs = new java.util.TreeSet<>(byPack.keySet());
    packs.addAll(skippedByPack.keySet());
    for (String pack : packs) {
      out.println("  " + pack);
      List<WorkloadReport.CaseResult> cases = byPack.getOrDefault(pack, List.of());
      for (WorkloadReport.CaseResult c : cases) {
        if (!c.sampleCase().path().equals(CAPACITY_FILL)) {
          line(
              c.ok() ? "ok" : "FAIL",
              c.sampleCase().path(),
              c.sampleCase().description() + ": " + chain(c.sampleCase()) + escalations(c));
          c.problems().forEach(p -> out.println("           ! " + p));
        }
      }
      List<WorkloadReport.CaseResult> fill =
          cases.stream().filter(c -> c.sampleCase().path().equals(CAPACITY_FILL)).toList();
      if (!fill.isEmpty()) {
        long bad = fill.stream().filter(c -> !c.ok()).count();
        line(
            bad == 0 ? "ok" : "FAIL",
            CAPACITY_FILL,
            fill.size()
                + " deployments created to reach a capacity limit"
                + (bad == 0 ? "" : ", " + bad + " not as expected"));
        fill.stream()
            .filter(c -> !c.ok())
            .limit(5)
            .forEach(
                c ->
                    c.problems()
                        .forEach(
                            p ->
                                out.println(
                                    "           ! " + c.sampleCase().operationId() + ": " + p)));
      }
      Optional.ofNullable(bursts.get(pack))
          .ifPresent(
              b -> {
                line(
                    b.ok() ? "ok" : "FAIL",
                    "denied: limit (rate)",
                    "burst of "
                        + b.sent()
                        + " restarts with "
                        + b.inWindow()
                        + " operations already in the 60 s window: "
                        + b.allowed()
                        + " ALLOWED, then "
                        + b.denied()
                        + " DENIED(RATE_LIMIT_EXCEEDED) (rate_limit_per_minute "
                        + b.limit()
                        + ")");
                b.problems().forEach(p -> out.println("           ! " + p));
              });
      for (SkippedPath s : skippedByPack.getOrDefault(pack, List.of())) {
        line("skip", s.path(), s.reason());
      }
    }
  }

  private void line(String status, String path, String text) {
    out.printf("    %-5s %-50s %s%n", status, path, text);
  }

  private static String chain(SampleCase c) {
    return c.expected().stream().map(RunSummary::expect).collect(Collectors.joining(" -> "));
  }

  private static String expect(Expect e) {
    String by = e.decidedBy().map(b -> " by " + b).orElse("");
    return e.decision() == Decision.HELD
        ? "HELD" + by
        : e.decision() + "(" + e.reasonCode() + ")" + by;
  }

  private static String escalations(WorkloadReport.CaseResult c) {
    return c.sampleCase().escalationLevels().isEmpty()
        ? ""
        : " (escalated to level "
            + c.escalations().stream().map(String::valueOf).collect(Collectors.joining(", "))
            + " first)";
  }

  private void open(WorkloadReport report) {
    List<String> pending =
        report.packs().stream()
            .flatMap(
                p -> p.pendingApprovals().stream().map(s -> String.format("%-12s %s", p.pack(), s)))
            .toList();
    List<String> holds =
        report.packs().stream()
            .flatMap(p -> p.holds().stream().map(s -> String.format("%-12s %s", p.pack(), s)))
            .toList();
    out.println();
    out.println(
        "Pending approvals (waiting for a human: `palm approvals list`)"
            + (pending.isEmpty() ? ": none" : ""));
    pending.forEach(p -> out.println("  " + p));
    out.println(
        "Holds (waiting for release or cancellation: `palm holds list`)"
            + (holds.isEmpty() ? ": none" : ""));
    holds.forEach(h -> out.println("  " + h));
  }

  private void verdict(WorkloadReport report) {
    out.println();
    List<String> problems = report.allProblems();
    if (report.succeeded()) {
      long decisions =
          report.packs().stream().mapToLong(WorkloadReport.PackOutcome::decisionRecords).sum();
      out.println(
          "Result: OK - all "
              + decisions
              + " expected decisions seen, every audit chain verifies.");
    } else {
      out.println("Result: FAILED - " + problems.size() + " problem(s):");
      problems.forEach(p -> out.println("  " + p));
      if (report.allChainsVerified()) {
        out.println(
            "Note: the expected decisions assume the packs' deployments, totals and rate windows are used by"
                + " this run alone. Another run or other traffic against the same pipeline in the last minute, or the"
                + " deployments an earlier run left, change what the packs demand; run with a fresh --topic-prefix and"
                + " --application-id, or wait a minute for the rate windows to empty.");
      }
    }
  }
}
