package dev.palm.streams.sample;

import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.ApprovalVerdict;
import dev.palm.events.AuditEventType;
import dev.palm.events.Decision;
import dev.palm.events.HoldAction;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationRequested;
import dev.palm.packs.EscalationLevel;
import dev.palm.packs.PackExtensions;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.sample.PolicyModel.Outcome;
import dev.palm.streams.sample.SampleRequest.Requester;
import dev.palm.streams.sample.SampleRequest.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The built-in sample workload of {@code palm run}: for every loaded pack, one operation per
 * decision path the pack has (allowed; denied by validity, by deployment state and by each limit;
 * held then released, cancelled or auto-released; pending approval then approved by another human,
 * rejected, escalated or expired; duplicates answered idempotently), each with the decisions the
 * pack demands, worked out from the pack's configuration by an independent model of the rules.
 * Paths a pack does not have, or that cannot be shown honestly in a short run (a 24-hour approval
 * timeout, more deployments than the rate limit admits in a minute), are listed as {@link
 * SkippedPath}s with the reason.
 *
 * <p>The workload is a list of {@link SamplePhase}s: answers are published only after the decisions
 * they answer were seen. Each pack's workload ends with a {@link RateProbe} that fills its rate
 * window. Operation and deployment ids carry a run id, so runs never collide with each other's
 * deployments; the expectations assume the packs' deployments, totals and rate windows are not used
 * by other traffic at the same time.
 */
public final class SampleWorkload {

  /**
   * The name of the phase that waits for approval expiry, escalation and hold auto-release timers.
   */
  public static final String TIMERS_PHASE = "timers";

  /**
   * Timers up to this long are shown (expiry, escalation, auto-release); longer ones would stall
   * the run.
   */
  static final long MAX_TIMER_SECS = 30;

  /**
   * Humans answer only where the timers leave at least this long, so an answer never races a timer.
   */
  static final long MIN_ANSWER_WINDOW_SECS = 15;

  /**
   * Escalation levels are expected only if they fire at least this long before the request expires.
   */
  static final long ESCALATION_MARGIN_SECS = 2;

  /** The most operations a capacity case may publish to fill a pack up to its limit. */
  static final int MAX_FILL_OPERATIONS = 250;

  private static final String SYSTEM = "palm-system";

  private final String runId;
  private final List<SamplePhase> phases;
  private final List<SampleCase> cases;
  private final List<RateProbe> rateProbes;
  private final List<SkippedPath> skipped;
  private final SampleIdentities identities;

  private SampleWorkload(
      String runId,
      List<SamplePhase> phases,
      List<SampleCase> cases,
      List<RateProbe> rateProbes,
      List<SkippedPath> skipped,
      SampleIdentities identities) {
    this.runId = runId;
    this.phases = List.copyOf(phases);
    this.cases = List.copyOf(cases);
    this.rateProbes = List.copyOf(rateProbes);
    this.skipped = List.copyOf(skipped);
    this.identities = identities;
  }

  /** The workload for {@code packs} with a fresh run id and the default identities. */
  public static SampleWorkload forPacks(List<? extends PlatformPack> packs) {
    return forPacks(packs, UUID.randomUUID().toString().substring(0, 8), SampleIdentities.DEFAULT);
  }

  /**
   * The workload for {@code packs}.
   *
   * @param runId short id put into every operation and deployment id
   * @param identities who requests and who answers
   */
  public static SampleWorkload forPacks(
      List<? extends PlatformPack> packs, String runId, SampleIdentities identities) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(identities, "identities");
    if (packs.isEmpty()) {
      throw new IllegalArgumentException("the sample workload needs at least one pack");
    }
    Set<String> names = packs.stream().map(p -> p.metadata().name()).collect(Collectors.toSet());
    List<PackPlan> plans =
        packs.stream()
            .sorted(Comparator.comparing(p -> p.metadata().name()))
            .map(p -> new PackPlan(p, names, runId, identities).plan())
            .toList();
    List<SamplePhase> phases = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      List<SampleStep> steps = new ArrayList<>();
      Duration wait = Duration.ZERO;
      for (PackPlan plan : plans) {
        steps.addAll(plan.steps(phase));
        if (phase == Phase.TIMERS) {
          wait = max(wait, plan.timerWait());
        }
      }
      if (!steps.isEmpty() || !wait.isZero()) {
        phases.add(new SamplePhase(phase.label, phase.description, steps, wait));
      }
    }
    List<SampleCase> cases = plans.stream().flatMap(p -> p.cases().stream()).toList();
    List<RateProbe> probes = plans.stream().flatMap(p -> p.rateProbe().stream()).toList();
    List<SkippedPath> skipped = plans.stream().flatMap(p -> p.skipped().stream()).toList();
    return new SampleWorkload(runId, phases, cases, probes, skipped, identities);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The run id in every operation and deployment id of this workload. */
  public String runId() {
    return runId;
  }

  /** The phases, in the order they are published. */
  public List<SamplePhase> phases() {
    return phases;
  }

  /** Every operation and the decisions expected for it. */
  public List<SampleCase> cases() {
    return cases;
  }

  /** The rate-limit bursts that end each pack's workload. */
  public List<RateProbe> rateProbes() {
    return rateProbes;
  }

  /** Paths not exercised, and why. */
  public List<SkippedPath> skipped() {
    return skipped;
  }

  /** Who requests and who answers. */
  public SampleIdentities identities() {
    return identities;
  }

  /** The cases of one pack. */
  public List<SampleCase> cases(String pack) {
    return cases.stream().filter(c -> c.pack().equals(pack)).toList();
  }

  /** The phases of the workload, in publishing order. */
  enum Phase {
    SETUP("setup", "create the deployments the other operations act on"),
    SETUP_ANSWERS("setup answers", "approve and release what the setup needs"),
    SETUP_ANSWERS_2("setup answers (2)", "approve what became pending after a release"),
    REQUESTS("requests", "one operation per decision path"),
    ANSWERS("answers", "approve, reject, release and cancel as other humans"),
    ANSWERS_2("answers (2)", "answer what became pending after a release"),
    INSTANCES_FILL("capacity: instances", "create deployments up to the pack's instance limit"),
    INSTANCES_FILL_ANSWERS("capacity: instances answers", "approve the filling deployments"),
    INSTANCES_FILL_ANSWERS_2("capacity: instances answers (2)", "approve after releases"),
    INSTANCES_BREACH("capacity: one instance too many", "one more instance than the limit"),
    DEPLOYMENTS_FILL(
        "capacity: deployments", "create deployments up to the pack's deployment limit"),
    DEPLOYMENTS_FILL_ANSWERS("capacity: deployments answers", "approve the filling deployments"),
    DEPLOYMENTS_FILL_ANSWERS_2("capacity: deployments answers (2)", "approve after releases"),
    DEPLOYMENTS_BREACH("capacity: one deployment too many", "one more deployment than the limit"),
    TIMERS(TIMERS_PHASE, "wait for escalation, expiry and automatic release");

    final String label;
    final String description;

    Phase(String label, String description) {
      this.label = label;
      this.description = description;
    }
  }

  /** How a story is answered in the phases after its request. */
  private enum Script {
    /** Release holds and approve pending requests until the operation is decided. */
    SETTLE,
    /** The requester tries to approve his own operation (refused), then the approvers approve. */
    SELF_THEN_APPROVE,
    /** Release holds, reject the pending request. */
    REJECT,
    /** Cancel the hold. */
    CANCEL,
    /** Nothing: the operation stays held or pending. */
    LEAVE,
    /** Nothing until the timers: the pending request escalates and expires. */
    EXPIRE,
    /** Nothing until the timers: the hold releases itself. */
    AUTO_RELEASE
  }

  /** One planned operation: its request, when it is published and how it is answered. */
  private record Story(
      String path,
      String description,
      SampleRequest request,
      String key,
      Phase submitPhase,
      Phase lastPhase,
      Script script,
      Intent intent,
      boolean duplicates,
      Optional<String> target) {

    Story targeting(String code) {
      return new Story(
          path,
          description,
          request,
          key,
          submitPhase,
          lastPhase,
          script,
          intent,
          duplicates,
          Optional.of(code));
    }
  }

  /** What a story must come out as for it to show its path. */
  @FunctionalInterface
  private interface Intent {
    boolean holds(List<Expect> expected);
  }

  /** The result of simulating one story. */
  private static final class Played {
    final Story story;
    final List<Expect> expected = new ArrayList<>();
    final List<String> expectedIn = new ArrayList<>();
    final Map<Phase, List<SampleStep>> steps = new LinkedHashMap<>();
    final List<Integer> escalations = new ArrayList<>();
    final List<AuditExpectation> audit = new ArrayList<>();

    Played(Story story) {
      this.story = story;
    }

    Optional<Decision> state() {
      return expected.isEmpty()
          ? Optional.empty()
          : Optional.of(expected.get(expected.size() - 1).decision());
    }

    void expect(Phase phase, Expect e) {
      expected.add(e);
      expectedIn.add(phase.label);
    }

    void step(Phase phase, SampleStep step) {
      steps.computeIfAbsent(phase, p -> new ArrayList<>()).add(step);
    }
  }

  /** Plans the stories of one pack and simulates them in publishing order. */
  private static final class PackPlan {
    private final PlatformPack pack;
    private final String name;
    private final Set<String> loadedPacks;
    private final String runId;
    private final SampleIdentities ids;
    private final PackExtensions ext;
    private final long approvalTimeout;
    private final Optional<Long> autoRelease;
    private final List<Story> stories = new ArrayList<>();
    private final List<SkippedPath> skipped = new ArrayList<>();
    private List<Played> played = List.of();
    private PolicyModel finalModel;
    private Optional<RateProbe> rateProbe = Optional.empty();
    private int counter;

    PackPlan(PlatformPack pack, Set<String> loadedPacks, String runId, SampleIdentities ids) {
      this.pack = pack;
      this.name = pack.metadata().name();
      this.loadedPacks = loadedPacks;
      this.runId = runId;
      this.ids = ids;
      this.ext = pack.extensions();
      this.approvalTimeout = pack.policyConfig().humanApproval().approvalTimeoutSecs();
      this.autoRelease =
          pack.policyConfig().safetyHolds().enabled()
              ? pack.policyConfig().safetyHolds().autoReleaseAfterSecs()
              : Optional.empty();
    }

    // ------------------------------------------------------------------ planning

    PackPlan plan() {
      String base = deployment("base");
      String big = deployment("big");
      int maxDown = pack.policyConfig().limits().maxScaleDown();
      int maxUp = pack.policyConfig().limits().maxScaleUp();

      // Setup: the deployments the other operations act on; they must end up allowed.
      boolean haveBase =
          add(
              List.of(
                  story(
                      "setup",
                      "create " + base + " with 2 replicas",
                      create(base, 2, Resources.SMALL),
                      Phase.SETUP,
                      Phase.SETUP_ANSWERS_2,
                      Script.SETTLE,
                      e -> last(e, Decision.ALLOWED))));
      if (!haveBase) {
        skipped.add(
            skip(
                "every path that needs a deployment",
                "creating a sample deployment is not allowed" + " under this pack's rules"));
        return finish();
      }
      boolean haveBig =
          add(
              List.of(
                  story(
                      "setup",
                      "create " + big + " with " + (maxDown + 2) + " replicas",
                      create(big, maxDown + 2, Resources.SMALL),
                      Phase.SETUP,
                      Phase.SETUP_ANSWERS_2,
                      Script.SETTLE,
                      e -> last(e, Decision.ALLOWED))));

      // Allowed at once, and the same operation id sent again.
      Optional<SampleRequest> neutral = neutralOperation(base);
      if (neutral.isEmpty()
          || !add(
              List.of(
                  new Story(
                      "allowed",
                      neutral.get().operation() + " " + base,
                      neutral.get(),
                      name,
                      Phase.REQUESTS,
                      Phase.REQUESTS,
                      Script.LEAVE,
                      e ->
                          e.size() == 3
                              && e.stream().allMatch(x -> x.decision() == Decision.ALLOWED),
                      true,
                      Optional.empty())))) {
        skipped.add(
            skip("allowed", "every operation the workload knows is held or needs approval"));
      }

      // Validity and deployment state.
      add(
          List.of(
              story(
                  "denied: invalid request",
                  "empty deployment id",
                  request("restart", "", Optional.empty(), Resources.SMALL, agent()),
                  Phase.REQUESTS,
                  Phase.REQUESTS,
                  Script.LEAVE,
                  e -> only(e, Decision.DENIED, "DEPLOYMENT_ID_MISSING"))));
      add(
          List.of(
              story(
                  "denied: invalid request",
                  "no actor",
                  request("restart", base, Optional.empty(), Resources.SMALL, Optional.empty()),
                  Phase.REQUESTS,
                  Phase.REQUESTS,
                  Script.LEAVE,
                  e -> only(e, Decision.DENIED, "ACTOR_MISSING"))));
      SampleRequest badSpec = request("restart", base, Optional.empty(), Resources.SMALL, agent());
      badSpec =
          new SampleRequest(
              badSpec.operationId(),
              badSpec.pack(),
              badSpec.operation(),
              badSpec.deploymentId(),
              badSpec.targetReplicas(),
              badSpec.resources(),
              badSpec.actor(),
              Optional.of("not-a-version"),
              badSpec.justification());
      add(
          List.of(
              story(
                  "denied: invalid request",
                  "agent spec with version 'not-a-version'",
                  badSpec,
                  Phase.REQUESTS,
                  Phase.REQUESTS,
                  Script.LEAVE,
                  e -> only(e, Decision.DENIED, "AGENT_SPEC_REJECTED"))));
      SampleRequest unknownPack =
          request("restart", base, Optional.empty(), Resources.SMALL, agent());
      unknownPack =
          new SampleRequest(
              unknownPack.operationId(),
              "no-such-pack",
              unknownPack.operation(),
              base,
              Optional.empty(),
              Resources.SMALL,
              agent(),
              Optional.empty(),
              unknownPack.justification());
      add(
          List.of(
              story(
                  "denied: unknown pack",
                  "names pack 'no-such-pack'",
                  unknownPack,
                  Phase.REQUESTS,
                  Phase.REQUESTS,
                  Script.LEAVE,
                  e -> only(e, Decision.DENIED, "UNKNOWN_PACK"))));
      addFirst(
          "denied: deployment state",
          "DEPLOYMENT_NOT_FOUND",
          candidates(
                  List.of(
                      "restart",
                      "update_deployment",
                      "rollback",
                      "force_recovery",
                      "force_restart",
                      "migrate"),
                  deployment("missing"),
                  Optional.empty(),
                  Resources.SMALL)
              .stream()
              .map(
                  r ->
                      story(
                          "denied: deployment state",
                          r.operation() + " of a deployment that does not exist",
                          r,
                          Phase.REQUESTS,
                          Phase.REQUESTS,
                          Script.LEAVE,
                          e -> only(e, Decision.DENIED, "DEPLOYMENT_NOT_FOUND")))
              .toList());
      if (!pack.capabilities().supportsMigration()) {
        addFirst(
            "denied: not supported",
            "OPERATION_NOT_SUPPORTED",
            List.of(
                story(
                    "denied: not supported",
                    "migrate " + base + " (capabilities.supports_migration is false)",
                    request("migrate", base, Optional.empty(), Resources.SMALL, agent()),
                    Phase.REQUESTS,
                    Phase.ANSWERS_2,
                    Script.SETTLE,
                    e -> last(e, Decision.DENIED, "OPERATION_NOT_SUPPORTED"))));
      }

      // Limits (held operations are released and then hit the limit).
      addFirst(
          "denied: limit",
          "SCALE_UP_EXCEEDED",
          List.of(
              story(
                  "denied: limit",
                  "scale "
                      + base
                      + " from 2 to "
                      + (2 + maxUp + 1)
                      + " replicas (max_scale_up "
                      + maxUp
                      + ")",
                  request("scale", base, Optional.of(2 + maxUp + 1), Resources.SMALL, agent()),
                  Phase.REQUESTS,
                  Phase.ANSWERS_2,
                  Script.SETTLE,
                  e -> last(e, Decision.DENIED, "SCALE_UP_EXCEEDED"))));
      if (haveBig) {
        addFirst(
            "denied: limit",
            "SCALE_DOWN_EXCEEDED",
            List.of(
                story(
                    "denied: limit",
                    "scale "
                        + big
                        + " from "
                        + (maxDown + 2)
                        + " to 1 replica (max_scale_down "
                        + maxDown
                        + ")",
                    request("scale", big, Optional.of(1), Resources.SMALL, agent()),
                    Phase.REQUESTS,
                    Phase.ANSWERS_2,
                    Script.SETTLE,
                    e -> last(e, Decision.DENIED, "SCALE_DOWN_EXCEEDED"))));
      } else {
        skipped.add(
            skip(
                "denied: limit (SCALE_DOWN_EXCEEDED)",
                "a deployment with more than max_scale_down"
                    + " replicas cannot be created under this pack's rules"));
      }
      pack.capabilities()
          .maxInstancesPerDeployment()
          .ifPresentOrElse(
              max ->
                  addFirst(
                      "denied: limit",
                      "INSTANCES_PER_DEPLOYMENT_EXCEEDED",
                      List.of(
                          story(
                              "denied: limit",
                              "create "
                                  + deployment("wide")
                                  + " with "
                                  + (max + 1)
                                  + " replicas (max_instances_per_deployment "
                                  + max
                                  + ")",
                              create(deployment("wide"), max + 1, Resources.TINY),
                              Phase.REQUESTS,
                              Phase.ANSWERS_2,
                              Script.SETTLE,
                              e -> last(e, Decision.DENIED, "INSTANCES_PER_DEPLOYMENT_EXCEEDED")))),
              () ->
                  skipped.add(
                      skip(
                          "denied: limit (INSTANCES_PER_DEPLOYMENT_EXCEEDED)",
                          "capabilities.max_instances_per_deployment is not set")));
      int maxCpu =
          (int) Math.min(Integer.MAX_VALUE - 1, pack.resourceConfig().limits().maxCpuMillicores());
      addFirst(
          "denied: limit",
          "RESOURCE_LIMIT_EXCEEDED",
          List.of(
              story(
                  "denied: limit",
                  "create "
                      + deployment("heavy")
                      + " asking "
                      + (maxCpu + 1)
                      + "m CPU per instance (max_cpu_millicores "
                      + maxCpu
                      + ")",
                  create(deployment("heavy"), 1, Resources.SMALL.withCpu(maxCpu + 1)),
                  Phase.REQUESTS,
                  Phase.ANSWERS_2,
                  Script.SETTLE,
                  e -> last(e, Decision.DENIED, "RESOURCE_LIMIT_EXCEEDED"))));

      planHolds(base, big);
      planApprovals(base);
      planCapacity();
      return finish();
    }

    private void planHolds(String base, String big) {
      if (!pack.policyConfig().safetyHolds().enabled()
          || pack.policyConfig().safetyHolds().blockedOperations().isEmpty()) {
        String reason =
            "the pack has no safety holds (safety_holds.enabled is false or nothing is blocked)";
        skipped.add(skip("held -> released", reason));
        skipped.add(skip("held -> cancelled", reason));
        return;
      }
      boolean humansInTime = autoRelease.map(s -> s >= MIN_ANSWER_WINDOW_SECS).orElse(true);
      List<SampleRequest> onBase = heldCandidates(base);
      if (humansInTime) {
        addFirst(
            "held -> released -> allowed",
            null,
            onBase.stream()
                .map(
                    r ->
                        story(
                            "held -> released -> allowed",
                            r.operation() + " " + base + ", released by " + releaser(),
                            r,
                            Phase.REQUESTS,
                            Phase.ANSWERS,
                            Script.SETTLE,
                            e -> seq(e, Decision.HELD, Decision.ALLOWED)))
                .toList());
        addFirst(
            "held -> cancelled",
            null,
            onBase.stream()
                .map(
                    r ->
                        story(
                            "held -> cancelled",
                            r.operation() + " " + base + ", cancelled by " + releaser(),
                            r.withId(opId()),
                            Phase.REQUESTS,
                            Phase.ANSWERS,
                            Script.CANCEL,
                            e ->
                                seq(e, Decision.HELD, Decision.DENIED)
                                    && e.get(1).reasonCode().equals("HOLD_CANCELLED")))
                .toList());
        List<SampleRequest> onBig = heldCandidates(big);
        addFirst(
            "held -> released -> pending approval -> rejected",
            null,
            onBig.stream()
                .map(
                    r ->
                        story(
                            "held -> released -> pending approval -> rejected",
                            r.operation()
                                + " "
                                + big
                                + ", released, then rejected by "
                                + approvers().get(0),
                            r,
                            Phase.REQUESTS,
                            Phase.ANSWERS_2,
                            Script.REJECT,
                            e -> seq(e, Decision.HELD, Decision.PENDING_APPROVAL, Decision.DENIED)))
                .toList());
      } else {
        String reason =
            "holds release themselves after "
                + autoRelease.get()
                + " s, too soon for a human"
                + " answer to be sure to come first";
        skipped.add(skip("held -> released", reason));
        skipped.add(skip("held -> cancelled", reason));
      }
      if (autoRelease.isPresent() && autoRelease.get() <= MAX_TIMER_SECS) {
        addFirst(
            "held -> auto-released",
            null,
            heldCandidates(base).stream()
                .map(
                    r ->
                        story(
                            "held -> auto-released",
                            r.operation()
                                + " "
                                + base
                                + ", released by the pipeline after "
                                + autoRelease.get()
                                + " s",
                            r,
                            Phase.REQUESTS,
                            Phase.TIMERS,
                            Script.AUTO_RELEASE,
                            e ->
                                seq(e, Decision.HELD, Decision.ALLOWED)
                                    && e.get(1).decidedBy().isPresent()))
                .toList());
      } else {
        addFirst(
            "held (left open)",
            null,
            heldCandidates(base).stream()
                .map(
                    r ->
                        story(
                            "held (left open)",
                            r.operation()
                                + " "
                                + base
                                + ", left held ("
                                + autoRelease
                                    .map(s -> "auto-release after " + s + " s")
                                    .orElse("manual release only")
                                + ")",
                            r,
                            Phase.REQUESTS,
                            Phase.REQUESTS,
                            Script.LEAVE,
                            e -> only(e, Decision.HELD, "SAFETY_HOLD")))
                .toList());
        skipped.add(
            skip(
                "held -> auto-released",
                autoRelease
                    .map(
                        s ->
                            "safety_holds.auto_release_after_secs"
                                + " is "
                                + s
                                + " s; the hold is listed as open")
                    .orElse(
                        "holds are released by humans only" + " (no auto_release_after_secs)")));
      }
    }

    private void planApprovals(String base) {
      List<SampleRequest> pendingCandidates = approvalCandidates(base);
      if (pendingCandidates.isEmpty()) {
        skipped.add(skip("pending approval", "no operation of this pack needs human approval"));
        return;
      }
      boolean humansInTime = approvalTimeout >= MIN_ANSWER_WINDOW_SECS;
      if (humansInTime) {
        boolean self = !ext.allowSelfApproval();
        addFirst(
            "pending approval -> approved",
            null,
            pendingCandidates.stream()
                .map(
                    r -> {
                      SampleRequest byOperator =
                          self
                              ? new SampleRequest(
                                  r.operationId(),
                                  r.pack(),
                                  r.operation(),
                                  r.deploymentId(),
                                  r.targetReplicas(),
                                  r.resources(),
                                  Optional.of(new Requester(ids.operator(), true)),
                                  r.agentSpecVersion(),
                                  r.justification())
                              : r;
                      return story(
                          "pending approval -> approved",
                          r.operation()
                              + " "
                              + r.deploymentId()
                              + (self
                                  ? " requested by "
                                      + ids.operator()
                                      + ", who may not approve it himself,"
                                  : "")
                              + " approved by "
                              + String.join(" and ", approvers()),
                          byOperator,
                          Phase.REQUESTS,
                          Phase.ANSWERS,
                          self ? Script.SELF_THEN_APPROVE : Script.SETTLE,
                          e -> seq(e, Decision.PENDING_APPROVAL, Decision.ALLOWED));
                    })
                .toList());
        addFirst(
            "pending approval -> rejected",
            null,
            approvalCandidates(base).stream()
                .map(
                    r ->
                        story(
                            "pending approval -> rejected",
                            r.operation()
                                + " "
                                + r.deploymentId()
                                + " rejected by "
                                + approvers().get(0),
                            r,
                            Phase.REQUESTS,
                            Phase.ANSWERS,
                            Script.REJECT,
                            e ->
                                seq(e, Decision.PENDING_APPROVAL, Decision.DENIED)
                                    && e.get(1).reasonCode().equals("APPROVAL_REJECTED")))
                .toList());
      } else {
        String reason =
            "approval requests expire after "
                + approvalTimeout
                + " s, too soon for a human"
                + " answer to be sure to come first";
        skipped.add(skip("pending approval -> approved", reason));
        skipped.add(skip("pending approval -> rejected", reason));
      }
      if (approvalTimeout <= MAX_TIMER_SECS) {
        addFirst(
            "pending approval -> expired",
            null,
            approvalCandidates(base).stream()
                .map(
                    r ->
                        story(
                            "pending approval -> expired",
                            r.operation()
                                + " "
                                + r.deploymentId()
                                + ", not answered"
                                + " within "
                                + approvalTimeout
                                + " s",
                            r,
                            Phase.REQUESTS,
                            Phase.TIMERS,
                            Script.EXPIRE,
                            e ->
                                seq(e, Decision.PENDING_APPROVAL, Decision.DENIED)
                                    && e.get(1).reasonCode().equals("APPROVAL_EXPIRED")))
                .toList());
        if (escalationLevels().isEmpty()) {
          skipped.add(skip("pending approval -> escalated", escalationReason()));
        }
      } else {
        addFirst(
            "pending approval (left open)",
            null,
            approvalCandidates(base).stream()
                .map(
                    r ->
                        story(
                            "pending approval (left open)",
                            r.operation()
                                + " "
                                + r.deploymentId()
                                + ", left pending"
                                + " (expires after "
                                + approvalTimeout
                                + " s)",
                            r,
                            Phase.REQUESTS,
                            Phase.REQUESTS,
                            Script.LEAVE,
                            e -> e.size() == 1 && e.get(0).decision() == Decision.PENDING_APPROVAL))
                .toList());
        skipped.add(
            skip(
                "pending approval -> expired",
                "human_approval.approval_timeout_secs is "
                    + approvalTimeout
                    + " s; the open request is listed as pending"));
        skipped.add(
            skip(
                "pending approval -> escalated",
                "the first escalation level triggers after "
                    + firstEscalationSecs().map(s -> s + " s").orElse("(no levels)")
                    + "; the open request is listed as pending"));
      }
    }

    private void planCapacity() {
      int rate = pack.policyConfig().limits().rateLimitPerMinute();
      int concurrent = pack.policyConfig().limits().maxConcurrentDeployments();
      Optional<Integer> maxDeployments = pack.capabilities().maxDeployments();
      int deploymentLimit = maxDeployments.map(m -> Math.min(m, concurrent)).orElse(concurrent);
      planInstanceLimit(rate, deploymentLimit);
      planDeploymentLimit(rate, concurrent, maxDeployments, deploymentLimit);
    }

    /** One more deployment than max_concurrent_deployments / max_deployments allow. */
    private void planDeploymentLimit(
        int rate, int concurrent, Optional<Integer> maxDeployments, int deploymentLimit) {
      String deploymentCode =
          deploymentLimit == concurrent
              ? "CONCURRENT_DEPLOYMENTS_EXCEEDED"
              : "MAX_DEPLOYMENTS_EXCEEDED";
      PolicyModel now = simulate().model;
      int fill = deploymentLimit - now.deploymentCount();
      if (fill < 0 || fill > MAX_FILL_OPERATIONS || now.admissions() + fill >= rate) {
        skipped.add(
            skip(
                "denied: limit (" + deploymentCode + ")",
                "needs "
                    + Math.max(fill, 0)
                    + " more deployments; rate_limit_per_minute "
                    + rate
                    + " admits "
                    + Math.max(0, rate - now.admissions() - 1)
                    + " more operations in one run"));
      } else {
        boolean added = false;
        for (int replicas : List.of(1, 0)) {
          List<Story> fillers = new ArrayList<>();
          for (int i = 0; i < fill; i++) {
            fillers.add(
                story(
                    "capacity fill",
                    "create deployment "
                        + (i + 1)
                        + " of "
                        + fill
                        + " with "
                        + replicas
                        + " replica(s)",
                    create(deployment("d" + i), replicas, Resources.TINY),
                    Phase.DEPLOYMENTS_FILL,
                    Phase.DEPLOYMENTS_FILL_ANSWERS_2,
                    Script.SETTLE,
                    e -> last(e, Decision.ALLOWED)));
          }
          fillers.add(
              story(
                      "denied: limit",
                      "create one deployment more than the limit of " + deploymentLimit,
                      create(deployment("d" + fill), replicas, Resources.TINY),
                      Phase.DEPLOYMENTS_BREACH,
                      Phase.DEPLOYMENTS_BREACH,
                      Script.SETTLE,
                      e -> last(e, Decision.DENIED, deploymentCode))
                  .targeting(deploymentCode));
          if (add(fillers)) {
            added = true;
            break;
          }
        }
        if (!added) {
          skipped.add(
              skip(
                  "denied: limit (" + deploymentCode + ")",
                  "the filling deployments are not all" + " allowed under this pack's rules"));
        }
      }
      if (deploymentCode.equals("CONCURRENT_DEPLOYMENTS_EXCEEDED") && maxDeployments.isPresent()) {
        skipped.add(
            skip(
                "denied: limit (MAX_DEPLOYMENTS_EXCEEDED)",
                "max_concurrent_deployments " + concurrent + " is reached first"));
      }
    }

    /** Deployments up to max_total_instances, then one instance more. */
    private void planInstanceLimit(int rate, int deploymentLimit) {
      // the widest deployments fill the room with the fewest operations
      Optional<Integer> maxTotal = pack.capabilities().maxTotalInstances();
      if (maxTotal.isEmpty()) {
        skipped.add(
            skip(
                "denied: limit (TOTAL_INSTANCES_EXCEEDED)",
                "capabilities.max_total_instances is" + " not set"));
        return;
      }
      PolicyModel now = simulate().model;
      int width = pack.capabilities().maxInstancesPerDeployment().orElse(maxTotal.get());
      long room = maxTotal.get() - now.instances();
      long creates = room / width;
      int last = (int) (room - creates * width) + 1;
      if (room < 0
          || creates > MAX_FILL_OPERATIONS
          || now.admissions() + creates >= rate
          || now.deploymentCount() + creates + 1 > deploymentLimit) {
        skipped.add(
            skip(
                "denied: limit (TOTAL_INSTANCES_EXCEEDED)",
                "needs "
                    + Math.max(creates + 1, 0)
                    + " deployments of "
                    + width
                    + " instances to pass max_total_instances "
                    + maxTotal.get()
                    + "; the rate and deployment limits do not admit that many in one run"));
        return;
      }
      List<Story> fillers = new ArrayList<>();
      for (int i = 0; i < creates; i++) {
        fillers.add(
            story(
                "capacity fill",
                "create a deployment of "
                    + width
                    + " instances ("
                    + (i + 1)
                    + " of "
                    + creates
                    + ")",
                create(deployment("i" + i), width, Resources.TINY),
                Phase.INSTANCES_FILL,
                Phase.INSTANCES_FILL_ANSWERS_2,
                Script.SETTLE,
                e -> last(e, Decision.ALLOWED)));
      }
      fillers.add(
          story(
                  "denied: limit",
                  "create a deployment of "
                      + last
                      + " instances when "
                      + (last - 1)
                      + " are left under max_total_instances "
                      + maxTotal.get(),
                  create(deployment("i" + creates), last, Resources.TINY),
                  Phase.INSTANCES_BREACH,
                  Phase.INSTANCES_BREACH,
                  Script.SETTLE,
                  e -> last(e, Decision.DENIED, "TOTAL_INSTANCES_EXCEEDED"))
              .targeting("TOTAL_INSTANCES_EXCEEDED"));
      if (!add(fillers)) {
        skipped.add(
            skip(
                "denied: limit (TOTAL_INSTANCES_EXCEEDED)",
                "the filling deployments are not all" + " allowed under this pack's rules"));
      }
    }

    private PackPlan finish() {
      Simulation result = simulate();
      played = result.played;
      finalModel = result.model;
      String base = deployment("base");
      Optional<SampleRequest> neutral = neutralOperation(base);
      int rate = pack.policyConfig().limits().rateLimitPerMinute();
      if (neutral.isPresent() && finalModel.replicas(base).isPresent()) {
        rateProbe = Optional.of(new RateProbe(name, rate, neutral.get().toAvro(Instant.EPOCH)));
      } else {
        skipped.add(
            skip(
                "denied: limit (RATE_LIMIT_EXCEEDED)",
                "no operation of this pack is allowed"
                    + " without approval or hold, so the rate window cannot be filled"));
      }
      return this;
    }

    // ------------------------------------------------------------------ candidates

    /**
     * An operation on {@code deployment} that every rule lets through and that changes no replica
     * count.
     */
    private Optional<SampleRequest> neutralOperation(String deployment) {
      for (String op :
          List.of("restart", "force_recovery", "update_deployment", "force_restart", "rollback")) {
        SampleRequest r = request(op, deployment, Optional.empty(), Resources.SMALL, agent());
        if (!pack.policyConfig().safetyHolds().enabled()
            || !pack.policyConfig().safetyHolds().blockedOperations().contains(op)) {
          if (!pack.policyConfig().humanApproval().alwaysRequired().contains(op)
              && pack.policyConfig().humanApproval().thresholdRequired().stream()
                  .noneMatch(t -> t.operation().equals(op))) {
            return Optional.of(r);
          }
        }
      }
      return Optional.empty();
    }

    /** Operations on {@code deployment} that the pack's holds block, in a stable order. */
    private List<SampleRequest> heldCandidates(String deployment) {
      List<String> blocked = pack.policyConfig().safetyHolds().blockedOperations();
      List<SampleRequest> out = new ArrayList<>();
      for (String op :
          List.of(
              "force_restart",
              "force_recovery",
              "restart",
              "rollback",
              "update_deployment",
              "scale_down",
              "scale",
              "scale_up",
              "migrate",
              "delete_deployment",
              "force_terminate")) {
        if (!blocked.contains(op)) {
          continue;
        }
        Optional<Integer> replicas =
            switch (op) {
              case "scale_down" -> Optional.of(1);
              case "scale", "scale_up" -> Optional.of(3);
              default -> Optional.empty();
            };
        String name = op.equals("scale_down") ? "scale" : op;
        out.add(request(name, deployment, replicas, Resources.SMALL, agent()));
      }
      return out;
    }

    /** Operations that need human approval under this pack, in a stable order. */
    private List<SampleRequest> approvalCandidates(String base) {
      List<SampleRequest> out = new ArrayList<>();
      out.add(create(deployment("a" + counter), 2, Resources.SMALL));
      pack.policyConfig()
          .humanApproval()
          .thresholdRequired()
          .forEach(
              t -> {
                long above = t.thresholdValue() + 1;
                if (above > Integer.MAX_VALUE || above < 1) {
                  return;
                }
                if (t.operation().equals("create_deployment")) {
                  out.add(create(deployment("a" + counter), (int) above, Resources.SMALL));
                } else if (t.operation().equals("scale") || t.operation().equals("scale_up")) {
                  out.add(
                      request("scale", base, Optional.of((int) above), Resources.SMALL, agent()));
                }
              });
      for (String op : pack.policyConfig().humanApproval().alwaysRequired()) {
        if (op.equals("scale") || op.equals("scale_up")) {
          out.add(request("scale", base, Optional.of(3), Resources.SMALL, agent()));
        } else if (PolicyModel.MODELLED.contains(op) && !op.equals("create_deployment")) {
          out.add(request(op, base, Optional.empty(), Resources.SMALL, agent()));
        }
      }
      return out;
    }

    private List<SampleRequest> candidates(
        List<String> ops, String deployment, Optional<Integer> replicas, Resources resources) {
      return ops.stream().map(op -> request(op, deployment, replicas, resources, agent())).toList();
    }

    // ------------------------------------------------------------------ adding stories

    /**
     * Adds the first candidate story whose simulation shows its path; records a skip when none
     * does.
     */
    private void addFirst(String path, String code, List<Story> candidates) {
      // operations not used yet come first, so the paths show a variety of operations
      Set<String> used =
          stories.stream()
              .map(s -> s.request().operation() + "@" + s.request().deploymentId())
              .collect(Collectors.toSet());
      List<Story> ordered =
          new ArrayList<>(
              candidates.stream()
                  .filter(
                      c ->
                          !used.contains(
                              c.request().operation() + "@" + c.request().deploymentId()))
                  .toList());
      candidates.stream().filter(c -> !ordered.contains(c)).forEach(ordered::add);
      for (Story candidate : ordered) {
        if (add(List.of(code == null ? candidate : candidate.targeting(code)))) {
          return;
        }
      }
      String label = code == null ? path : path + " (" + code + ")";
      skipped.add(
          skip(
              label,
              candidates.isEmpty()
                  ? "no operation of this pack takes this path"
                  : "the sample operations for this path are decided otherwise under this pack's rules"));
    }

    /**
     * Adds the stories if, simulated with everything planned so far, each shows its path and
     * nothing breaks.
     */
    private boolean add(List<Story> candidates) {
      stories.addAll(candidates);
      Simulation result = simulate();
      boolean ok = result.played.stream().allMatch(p -> p.story.intent().holds(p.expected));
      if (!ok) {
        stories.removeAll(candidates);
      }
      return ok;
    }

    // ------------------------------------------------------------------ simulation

    private record Simulation(List<Played> played, PolicyModel model) {}

    private Simulation simulate() {
      PolicyModel model = new PolicyModel(pack, loadedPacks);
      List<Played> all = stories.stream().map(Played::new).toList();
      for (Phase phase : Phase.values()) {
        for (Played p : all) {
          Story s = p.story;
          if (phase == s.submitPhase()) {
            submit(model, p, phase);
          } else if (phase.compareTo(s.submitPhase()) > 0 && phase.compareTo(s.lastPhase()) <= 0) {
            answer(model, p, phase);
          }
        }
      }
      return new Simulation(all, model);
    }

    private void submit(PolicyModel model, Played p, Phase phase) {
      Story s = p.story;
      SampleRequest r = s.request();
      OperationRequested event = r.toAvro(Instant.now());
      p.step(phase, new SampleStep.Submit(s.key(), event));
      Outcome first = model.submit(r);
      p.expect(phase, expect(s, first, Optional.empty()));
      if (s.duplicates()) {
        // the same request again (an honest retry), then the same id for a different request
        p.step(phase, new SampleStep.Submit(s.key(), event));
        p.expect(phase, p.expected.get(0));
        OperationRequested reused = r.withDeployment(deployment("other")).toAvro(Instant.now());
        p.step(phase, new SampleStep.Submit(s.key(), reused));
        p.expect(phase, p.expected.get(0));
        p.audit.add(
            new AuditExpectation(
                r.operationId(), AuditEventType.OPERATION_RECEIVED, "IDEMPOTENCY_KEY_REUSED"));
      }
    }

    private void answer(PolicyModel model, Played p, Phase phase) {
      Story s = p.story;
      Optional<Decision> state = p.state();
      if (state.isEmpty()) {
        return;
      }
      String op = s.request().operationId();
      boolean timers = phase == Phase.TIMERS;
      switch (state.get()) {
        case HELD -> {
          if (timers && s.script() == Script.AUTO_RELEASE) {
            p.expect(phase, expect(s, model.release(s.request()), Optional.of(SYSTEM)));
          } else if (!timers
              && (s.script() == Script.SETTLE
                  || s.script() == Script.REJECT
                  || s.script() == Script.SELF_THEN_APPROVE)) {
            p.step(phase, release(op, HoldAction.RELEASE));
            p.expect(phase, expect(s, model.release(s.request()), Optional.empty()));
          } else if (!timers && s.script() == Script.CANCEL) {
            p.step(phase, release(op, HoldAction.CANCEL));
            p.expect(phase, Expect.by(Decision.DENIED, "HOLD_CANCELLED", releaser()));
          }
        }
        case PENDING_APPROVAL -> {
          if (timers && s.script() == Script.EXPIRE) {
            escalationLevels().forEach(p.escalations::add);
            p.expect(phase, Expect.by(Decision.DENIED, "APPROVAL_EXPIRED", SYSTEM));
          } else if (!timers && s.script() == Script.REJECT) {
            p.step(phase, respond(op, approvers().get(0), ApprovalVerdict.REJECT));
            p.expect(phase, Expect.by(Decision.DENIED, "APPROVAL_REJECTED", approvers().get(0)));
          } else if (!timers
              && (s.script() == Script.SETTLE || s.script() == Script.SELF_THEN_APPROVE)) {
            if (s.script() == Script.SELF_THEN_APPROVE) {
              p.step(phase, respond(op, ids.operator(), ApprovalVerdict.APPROVE));
              p.audit.add(
                  new AuditExpectation(
                      op, AuditEventType.APPROVAL_RESPONSE, "SELF_APPROVAL_FORBIDDEN"));
            }
            List<String> approvers = approvers();
            for (String approver : approvers) {
              p.step(phase, respond(op, approver, ApprovalVerdict.APPROVE));
            }
            if (approvers.size() >= Math.max(1, ext.approvalsRequired())) {
              Outcome granted = model.grant(s.request());
              p.expect(
                  phase,
                  expect(
                      s,
                      granted,
                      granted
                          .decision()
                          .filter(d -> d == Decision.ALLOWED)
                          .map(d -> approvers.get(approvers.size() - 1))));
            }
          }
        }
        default -> {
          // decided: nothing left to answer
        }
      }
    }

    /**
     * The expected decision; its reason code is the story's target code when the decision carries
     * it.
     */
    private Expect expect(Story s, Outcome outcome, Optional<String> decidedBy) {
      Decision decision = outcome.decision().orElseThrow();
      String code = s.target().filter(outcome.codes()::contains).orElse(outcome.codes().get(0));
      return new Expect(decision, code, decidedBy);
    }

    // ------------------------------------------------------------------ results

    List<SampleStep> steps(Phase phase) {
      return played.stream().flatMap(p -> p.steps.getOrDefault(phase, List.of()).stream()).toList();
    }

    /** Long enough for every timer of the pack to fire, plus two punctuations. */
    Duration timerWait() {
      long secs = 0;
      for (Played p : played) {
        if (p.story.script() == Script.EXPIRE) {
          secs = Math.max(secs, approvalTimeout);
        } else if (p.story.script() == Script.AUTO_RELEASE) {
          secs = Math.max(secs, autoRelease.orElse(0L));
        }
      }
      return secs == 0 ? Duration.ZERO : Duration.ofSeconds(secs + 2);
    }

    List<SampleCase> cases() {
      return played.stream()
          .map(
              p ->
                  new SampleCase(
                      name,
                      p.story.path(),
                      p.story.request().operationId(),
                      p.story.description(),
                      p.expected,
                      p.expectedIn,
                      p.escalations,
                      p.audit))
          .toList();
    }

    Optional<RateProbe> rateProbe() {
      return rateProbe;
    }

    List<SkippedPath> skipped() {
      return skipped;
    }

    // ------------------------------------------------------------------ helpers

    private List<Integer> escalationLevels() {
      var escalation = pack.recoveryConfig().escalation();
      if (!escalation.enabled()) {
        return List.of();
      }
      return escalation.levels().stream()
          .filter(l -> l.triggerAfterSecs() + ESCALATION_MARGIN_SECS <= approvalTimeout)
          .map(EscalationLevel::level)
          .sorted()
          .distinct()
          .toList();
    }

    private String escalationReason() {
      var escalation = pack.recoveryConfig().escalation();
      if (!escalation.enabled() || escalation.levels().isEmpty()) {
        return "recovery.escalation has no enabled levels";
      }
      return "every escalation level triggers after the request has expired (approval_timeout_secs "
          + approvalTimeout
          + " s)";
    }

    private Optional<Long> firstEscalationSecs() {
      var escalation = pack.recoveryConfig().escalation();
      return escalation.enabled()
          ? escalation.levels().stream().map(EscalationLevel::triggerAfterSecs).min(Long::compare)
          : Optional.empty();
    }

    /**
     * The humans who approve: the pack's own approvers when it names them, as many as it requires.
     */
    private List<String> approvers() {
      int required = Math.max(1, ext.approvalsRequired());
      List<String> pool = ext.approvers().isEmpty() ? ids.approvers() : ext.approvers();
      List<String> usable =
          pool.stream().filter(a -> !a.equals(ids.agent()) && !a.equals(ids.operator())).toList();
      if (usable.size() < required) {
        // not enough distinct approvers: the stories fail their intent and are skipped
        return usable.isEmpty() ? List.of(ids.approvers().get(0)) : usable;
      }
      return usable.subList(0, required);
    }

    private String releaser() {
      List<String> releasers = ext.holdReleasers();
      return releasers.isEmpty() ? approvers().get(0) : releasers.get(0);
    }

    private SampleStep release(String operationId, HoldAction action) {
      return new SampleStep.Release(
          name,
          HoldRelease.newBuilder()
              .setHoldId(null)
              .setOperationId(operationId)
              .setPack(name)
              .setReleasedBy(human(releaser()))
              .setAction(action)
              .setReason(
                  action == HoldAction.RELEASE
                      ? "checked by the on-call human: safe to proceed"
                      : "not needed any more")
              .setReleasedAt(Instant.now())
              .build());
    }

    private SampleStep respond(String operationId, String approver, ApprovalVerdict verdict) {
      return new SampleStep.Respond(
          name,
          ApprovalResponse.newBuilder()
              .setApprovalId(null)
              .setOperationId(operationId)
              .setPack(name)
              .setApprover(human(approver))
              .setVerdict(verdict)
              .setComment(verdict == ApprovalVerdict.APPROVE ? "reviewed, go ahead" : "not now")
              .setRespondedAt(Instant.now())
              .build());
    }

    private static Actor human(String id) {
      return Actor.newBuilder().setId(id).setType(ActorType.HUMAN).build();
    }

    private Optional<Requester> agent() {
      return Optional.of(new Requester(ids.agent(), false));
    }

    private String deployment(String suffix) {
      return runId + "-" + name + "-" + suffix;
    }

    private String opId() {
      return runId + "-" + name + "-op" + (++counter);
    }

    private SampleRequest request(
        String op,
        String deployment,
        Optional<Integer> replicas,
        Resources resources,
        Optional<Requester> actor) {
      return new SampleRequest(
          opId(),
          name,
          op,
          deployment,
          replicas,
          resources,
          actor,
          Optional.empty(),
          "palm run sample workload");
    }

    private SampleRequest create(String deployment, int replicas, Resources resources) {
      return request("create_deployment", deployment, Optional.of(replicas), resources, agent());
    }

    private Story story(
        String path,
        String description,
        SampleRequest request,
        Phase submit,
        Phase last,
        Script script,
        Intent intent) {
      return new Story(
          path, description, request, name, submit, last, script, intent, false, Optional.empty());
    }

    private SkippedPath skip(String path, String reason) {
      return new SkippedPath(name, path, reason);
    }

    private static boolean last(List<Expect> e, Decision decision) {
      return !e.isEmpty() && e.get(e.size() - 1).decision() == decision;
    }

    private static boolean last(List<Expect> e, Decision decision, String code) {
      return last(e, decision) && e.get(e.size() - 1).reasonCode().equals(code);
    }

    private static boolean only(List<Expect> e, Decision decision, String code) {
      return e.size() == 1 && last(e, decision, code);
    }

    private static boolean seq(List<Expect> e, Decision... decisions) {
      if (e.size() != decisions.length) {
        return false;
      }
      for (int i = 0; i < decisions.length; i++) {
        if (e.get(i).decision() != decisions[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
