package dev.palm.streams.sample;

import dev.palm.events.Decision;
import dev.palm.events.PolicyDecision;
import dev.palm.streams.query.AuditTrails;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened when the sample workload ran: every operation with the decisions seen for it and
 * any difference from what its pack demands, the rate-limit bursts, per-pack outcome counts, and
 * the audit trails read back.
 *
 * @param runId the workload's run id
 * @param cases one result per operation of the workload
 * @param bursts one result per rate-limit burst
 * @param packs per-pack outcome of the operations
 * @param audits per-pack audit trail read from the beginning and verified
 * @param skipped paths the workload does not exercise, and why
 * @param problems problems outside any single operation (e.g. a phase that timed out)
 */
public record WorkloadReport(
    String runId,
    List<CaseResult> cases,
    List<BurstResult> bursts,
    List<PackOutcome> packs,
    List<AuditTrails.PackAudit> audits,
    List<SkippedPath> skipped,
    List<String> problems) {

  /** Copies the lists. */
  public WorkloadReport {
    Objects.requireNonNull(runId, "runId");
    cases = List.copyOf(cases);
    bursts = List.copyOf(bursts);
    packs = List.copyOf(packs);
    audits = List.copyOf(audits);
    skipped = List.copyOf(skipped);
    problems = List.copyOf(problems);
  }

  /**
   * Whether every expected decision, escalation and audit record was seen, and nothing unexpected.
   */
  public boolean allExpectedSeen() {
    return problems.isEmpty()
        && cases.stream().allMatch(CaseResult::ok)
        && bursts.stream().allMatch(BurstResult::ok);
  }

  /** Whether every pack's audit chain verifies (and every checkpoint signature). */
  public boolean allChainsVerified() {
    return audits.stream().allMatch(AuditTrails.PackAudit::verified);
  }

  /** Whether the run succeeded: everything expected seen and every chain verified. */
  public boolean succeeded() {
    return allExpectedSeen() && allChainsVerified();
  }

  /** Every problem found, one line each, prefixed with the pack and path. */
  public List<String> allProblems() {
    List<String> all = new java.util.ArrayList<>(problems);
    cases.forEach(
        c ->
            c.problems()
                .forEach(
                    p ->
                        all.add(
                            c.sampleCase().pack()
                                + " / "
                                + c.sampleCase().path()
                                + " ("
                                + c.sampleCase().operationId()
                                + "): "
                                + p)));
    bursts.forEach(b -> b.problems().forEach(p -> all.add(b.pack() + " / rate limit burst: " + p)));
    audits.stream()
        .filter(a -> !a.verified())
        .forEach(
            a ->
                all.add(
                    a.pack()
                        + " / audit chain: "
                        + a.verification().message()
                        + (a.checkpoints() == a.checkpointsSigned()
                            ? ""
                            : "; "
                                + (a.checkpoints() - a.checkpointsSigned())
                                + " checkpoint signature(s) do not verify")));
    return List.copyOf(all);
  }

  /**
   * One operation of the workload and what was seen for it.
   *
   * @param sampleCase the operation and its expectations
   * @param observed the decisions seen on the pack's decisions topic, in order
   * @param escalations escalation levels seen on the pack's approvals topic
   * @param problems differences from the expectations, empty when the pipeline did what the pack
   *     demands
   */
  public record CaseResult(
      SampleCase sampleCase,
      List<PolicyDecision> observed,
      List<Integer> escalations,
      List<String> problems) {
    /** Copies the lists. */
    public CaseResult {
      observed = List.copyOf(observed);
      escalations = List.copyOf(escalations);
      problems = List.copyOf(problems);
    }

    /** Whether the pipeline did what the pack demands for this operation. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * One rate-limit burst.
   *
   * @param pack the pack
   * @param limit its rate_limit_per_minute
   * @param inWindow operations already admitted in the window when the burst was sent
   * @param sent operations in the burst
   * @param allowed burst operations allowed
   * @param denied burst operations denied with RATE_LIMIT_EXCEEDED
   * @param problems differences from the sliding-window rule
   */
  public record BurstResult(
      String pack,
      int limit,
      int inWindow,
      int sent,
      int allowed,
      int denied,
      List<String> problems) {
    /** Copies the list. */
    public BurstResult {
      problems = List.copyOf(problems);
    }

    /** Whether the burst was decided as the window demands and reached the limit. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Where a pack's workload operations ended up.
   *
   * @param pack the pack
   * @param operations operations of the workload (rate-limit burst included)
   * @param decisionRecords decision records seen (an operation can have several, e.g. HELD then
   *     ALLOWED)
   * @param latest operations per latest decision
   * @param pendingApprovals operations still waiting for approval, with a short description
   * @param holds operations still held, with a short description
   * @param escalations escalation requests seen
   */
  public record PackOutcome(
      String pack,
      int operations,
      int decisionRecords,
      Map<Decision, Integer> latest,
      List<String> pendingApprovals,
      List<String> holds,
      int escalations) {
    /** Copies the collections. */
    public PackOutcome {
      latest = Map.copyOf(latest);
      pendingApprovals = List.copyOf(pendingApprovals);
      holds = List.copyOf(holds);
    }

    /** Operations whose latest decision is {@code decision}. */
    public int count(Decision decision) {
      return latest.getOrDefault(decision, 0);
    }
  }
}
