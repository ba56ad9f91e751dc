package dev.palm.streams.sample;

import dev.palm.events.Decision;
import dev.palm.packs.HumanApprovalConfig;
import dev.palm.packs.OperationLimits;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.ResourceLimits;
import dev.palm.packs.SafetyHoldsConfig;
import dev.palm.packs.ThresholdApproval;
import dev.palm.streams.sample.SampleRequest.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a pack demands for the sample workload's operations, worked out from the pack's
 * configuration alone (docs/architecture.md §4 and docs/decisions.md), independently of the
 * pipeline's code: the workload's expected decisions come from here, so the run checks the pipeline
 * against the pack rather than against itself.
 *
 * <p>It models only what the sample operations use: validity, deployment existence and replicas,
 * safety holds, the replica, capacity and resource limits, the rate window as a count, and human
 * approval. Not thread-safe.
 */
final class PolicyModel {

  /** Operation names whose effect on deployment state is modelled. */
  static final Set<String> MODELLED =
      Set.of(
          "create_deployment",
          "update_deployment",
          "scale",
          "scale_up",
          "scale_down",
          "delete_deployment",
          "restart",
          "migrate",
          "rollback",
          "force_recovery",
          "force_restart",
          "force_terminate");

  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

  /**
   * The model's verdict on one step.
   *
   * @param decision the decision, or empty when the step decides nothing (an approval that is not
   *     the last)
   * @param codes every reason code the decision carries, most specific first
   */
  record Outcome(Optional<Decision> decision, List<String> codes) {
    static Outcome of(Decision decision, List<String> codes) {
      return new Outcome(Optional.of(decision), List.copyOf(codes));
    }

    static final Outcome NONE = new Outcome(Optional.empty(), List.of());
  }

  /** One deployment's state. */
  private record Deployment(int replicas, Resources resources) {
    long cpu() {
      return (long) replicas * resources.cpuMillicores();
    }

    long memory() {
      return (long) replicas * resources.memoryMb();
    }
  }

  /** The effect of an operation: before and after (null = absent), or the state rule it breaks. */
  private record Effect(Deployment before, Deployment after, Optional<String> rejection) {
    boolean rescales() {
      return before != null && after != null && before.replicas() != after.replicas();
    }

    boolean creates() {
      return before == null && after != null;
    }

    int replicasBefore() {
      return before == null ? 0 : before.replicas();
    }

    int replicasAfter() {
      return after == null ? 0 : after.replicas();
    }
  }

  private final PlatformPack pack;
  private final Set<String> loadedPacks;
  private final Map<String, Deployment> deployments;
  private int admissions;

  PolicyModel(PlatformPack pack, Set<String> loadedPacks) {
    this(pack, loadedPacks, new HashMap<>(), 0);
  }

  private PolicyModel(
      PlatformPack pack,
      Set<String> loadedPacks,
      Map<String, Deployment> deployments,
      int admissions) {
    this.pack = pack;
    this.loadedPacks = Set.copyOf(loadedPacks);
    this.deployments = deployments;
    this.admissions = admissions;
  }

  /** Operations admitted to the rate window so far (the workload runs within one window). */
  int admissions() {
    return admissions;
  }

  /** Number of deployments that exist. */
  int deploymentCount() {
    return deployments.size();
  }

  /** Instances over all deployments. */
  long instances() {
    return deployments.values().stream().mapToLong(Deployment::replicas).sum();
  }

  /** Replicas of a deployment, if it exists. */
  Optional<Integer> replicas(String deploymentId) {
    return Optional.ofNullable(deployments.get(deploymentId)).map(Deployment::replicas);
  }

  /** Steps 1 to 7 for a new request. */
  Outcome submit(SampleRequest r) {
    List<String> invalid = validity(r);
    if (!invalid.isEmpty()) {
      return Outcome.of(Decision.DENIED, invalid);
    }
    Effect effect = effect(r);
    if (held(r, effect)) {
      return Outcome.of(Decision.HELD, List.of("SAFETY_HOLD"));
    }
    return fromLimits(r, true);
  }

  /**
   * A hold released by a human or automatically: evaluation continues at the limits, charging the
   * rate.
   */
  Outcome release(SampleRequest r) {
    return fromLimits(r, true);
  }

  /**
   * The last required approval: state and limits are checked again (the rate was charged on
   * request).
   */
  Outcome grant(SampleRequest r) {
    Effect effect = effect(r);
    if (effect.rejection().isPresent()) {
      return Outcome.of(Decision.DENIED, List.of(effect.rejection().get()));
    }
    List<String> breaches = limits(effect, false);
    if (!breaches.isEmpty()) {
      return Outcome.of(Decision.DENIED, breaches);
    }
    apply(r, effect);
    return Outcome.of(Decision.ALLOWED, List.of("APPROVED"));
  }

  private Outcome fromLimits(SampleRequest r, boolean chargeRate) {
    Effect effect = effect(r);
    if (effect.rejection().isPresent()) {
      return Outcome.of(Decision.DENIED, List.of(effect.rejection().get()));
    }
    List<String> breaches = limits(effect, chargeRate);
    if (!breaches.isEmpty()) {
      return Outcome.of(Decision.DENIED, breaches);
    }
    if (chargeRate) {
      admissions++;
    }
    List<String> approval = approval(r, effect);
    if (!approval.isEmpty()) {
      return Outcome.of(Decision.PENDING_APPROVAL, approval);
    }
    apply(r, effect);
    return Outcome.of(Decision.ALLOWED, List.of("POLICY_PASSED"));
  }

  private List<String> validity(SampleRequest r) {
    List<String> codes = new ArrayList<>();
    String name = pack.metadata().name();
    if (!r.pack().equals(name)) {
      codes.add(loadedPacks.contains(r.pack()) ? "PACK_MISMATCH" : "UNKNOWN_PACK");
    }
    if (r.operationId().isBlank()) {
      codes.add("OPERATION_ID_MISSING");
    }
    if (r.operation().isBlank()) {
      codes.add("OPERATION_MISSING");
    }
    if (r.deploymentId().isBlank()) {
      codes.add("DEPLOYMENT_ID_MISSING");
    }
    if (r.actor().isEmpty() || r.actor().get().id().isBlank()) {
      codes.add("ACTOR_MISSING");
    }
    if (r.agentSpecVersion().isPresent() && !SEMVER.matcher(r.agentSpecVersion().get()).matches()) {
      codes.add("AGENT_SPEC_REJECTED");
    }
    return codes;
  }

  private Effect effect(SampleRequest r) {
    Deployment current = r.deploymentId().isBlank() ? null : deployments.get(r.deploymentId());
    String op = r.operation();
    if (!MODELLED.contains(op)) {
      return new Effect(current, current, Optional.empty());
    }
    if (op.equals("create_deployment")) {
      if (current != null) {
        return new Effect(current, current, Optional.of("DEPLOYMENT_EXISTS"));
      }
      int replicas = r.targetReplicas().orElse(pack.resourceConfig().scaling().minInstances());
      return new Effect(null, new Deployment(replicas, r.resources()), Optional.empty());
    }
    if (current == null) {
      return new Effect(null, null, Optional.of("DEPLOYMENT_NOT_FOUND"));
    }
    switch (op) {
      case "update_deployment":
        return new Effect(
            current,
            new Deployment(r.targetReplicas().orElse(current.replicas()), r.resources()),
            Optional.empty());
      case "scale":
      case "scale_up":
      case "scale_down":
        {
          if (r.targetReplicas().isEmpty()) {
            return new Effect(current, current, Optional.of("TARGET_REPLICAS_MISSING"));
          }
          int target = r.targetReplicas().get();
          boolean wrongWay =
              op.equals("scale_up")
                  ? target < current.replicas()
                  : op.equals("scale_down") && (target > current.replicas() || target < 0);
          if (wrongWay) {
            return new Effect(current, current, Optional.of("INVALID_SCALE_DIRECTION"));
          }
          return new Effect(current, new Deployment(target, current.resources()), Optional.empty());
        }
      case "delete_deployment":
      case "force_terminate":
        return new Effect(current, null, Optional.empty());
      case "migrate":
        if (!pack.capabilities().supportsMigration()) {
          return new Effect(current, current, Optional.of("OPERATION_NOT_SUPPORTED"));
        }
        return new Effect(current, current, Optional.empty());
      default:
        // restart, force_restart, force_recovery, rollback to the previous revision: replicas
        // unchanged
        return new Effect(current, current, Optional.empty());
    }
  }

  /**
   * Whether a pack rule naming {@code rule} covers the request (names, and the scale aliases by
   * effect).
   */
  private static boolean covers(String rule, SampleRequest r, Effect e) {
    if (rule.equals(r.operation())) {
      return true;
    }
    boolean rescales = e.rejection().isEmpty() && e.rescales();
    return switch (rule) {
      case "scale" -> rescales;
      case "scale_up" -> rescales && e.replicasAfter() > e.replicasBefore();
      case "scale_down" -> rescales && e.replicasAfter() < e.replicasBefore();
      default -> false;
    };
  }

  private boolean held(SampleRequest r, Effect e) {
    SafetyHoldsConfig holds = pack.policyConfig().safetyHolds();
    return holds.enabled()
        && holds.blockedOperations().stream().anyMatch(rule -> covers(rule, r, e));
  }

  private List<String> limits(Effect e, boolean chargeRate) {
    List<String> codes = new ArrayList<>();
    OperationLimits limits = pack.policyConfig().limits();
    PlatformCapabilities caps = pack.capabilities();
    if (chargeRate && admissions >= limits.rateLimitPerMinute()) {
      codes.add("RATE_LIMIT_EXCEEDED");
    }
    if (e.creates()) {
      int after = deployments.size() + 1;
      if (after > limits.maxConcurrentDeployments()) {
        codes.add("CONCURRENT_DEPLOYMENTS_EXCEEDED");
      }
      if (caps.maxDeployments().filter(max -> after > max).isPresent()) {
        codes.add("MAX_DEPLOYMENTS_EXCEEDED");
      }
    }
    if (e.rescales()) {
      int delta = e.replicasAfter() - e.replicasBefore();
      if (delta > limits.maxScaleUp()) {
        codes.add("SCALE_UP_EXCEEDED");
      }
      if (-delta > limits.maxScaleDown()) {
        codes.add("SCALE_DOWN_EXCEEDED");
      }
    }
    if (e.after() != null) {
      int after = e.replicasAfter();
      int before = e.replicasBefore();
      if (caps.maxInstancesPerDeployment()
          .filter(max -> after > max && after > before)
          .isPresent()) {
        codes.add("INSTANCES_PER_DEPLOYMENT_EXCEEDED");
      }
      long total = instances() - before + after;
      if (caps.maxTotalInstances().filter(max -> total > max && after > before).isPresent()) {
        codes.add("TOTAL_INSTANCES_EXCEEDED");
      }
      if (resourcesBreached(e)) {
        codes.add("RESOURCE_LIMIT_EXCEEDED");
      }
    }
    return codes;
  }

  private boolean resourcesBreached(Effect e) {
    ResourceLimits max = pack.resourceConfig().limits();
    Resources after = e.after().resources();
    Resources before = e.before() == null ? new Resources(0, 0, 0, 0) : e.before().resources();
    boolean perInstance =
        grows(after.cpuMillicores(), before.cpuMillicores(), max.maxCpuMillicores())
            || grows(after.memoryMb(), before.memoryMb(), max.maxMemoryMb())
            || grows(after.storageMb(), before.storageMb(), max.maxStorageMb())
            || grows(after.networkKbps(), before.networkKbps(), max.maxNetworkKbps());
    long cpuBefore = e.before() == null ? 0 : e.before().cpu();
    long memBefore = e.before() == null ? 0 : e.before().memory();
    long totalCpu =
        deployments.values().stream().mapToLong(Deployment::cpu).sum()
            - cpuBefore
            + e.after().cpu();
    long totalMem =
        deployments.values().stream().mapToLong(Deployment::memory).sum()
            - memBefore
            + e.after().memory();
    boolean packWide =
        (totalCpu > max.totalCpuMillicores() && e.after().cpu() > cpuBefore)
            || (totalMem > max.totalMemoryMb() && e.after().memory() > memBefore);
    return perInstance || packWide;
  }

  private static boolean grows(long after, long before, long max) {
    return after > max && after > before;
  }

  private List<String> approval(SampleRequest r, Effect e) {
    HumanApprovalConfig config = pack.policyConfig().humanApproval();
    List<String> codes = new ArrayList<>();
    if (config.alwaysRequired().stream().anyMatch(rule -> covers(rule, r, e))) {
      codes.add("APPROVAL_REQUIRED");
    }
    for (ThresholdApproval rule : config.thresholdRequired()) {
      if (!covers(rule.operation(), r, e)) {
        continue;
      }
      // The sample operations state no free parameters, so only instance_count can be measured.
      boolean exceeded =
          !"instance_count".equals(rule.thresholdType())
              || (e.after() != null ? e.replicasAfter() : e.replicasBefore())
                  > rule.thresholdValue();
      if (exceeded && !codes.contains("APPROVAL_THRESHOLD_EXCEEDED")) {
        codes.add("APPROVAL_THRESHOLD_EXCEEDED");
      }
    }
    return codes;
  }

  private void apply(SampleRequest r, Effect e) {
    if (e.after() == null) {
      deployments.remove(r.deploymentId());
    } else if (MODELLED.contains(r.operation())) {
      deployments.put(r.deploymentId(), e.after());
    }
  }
}
