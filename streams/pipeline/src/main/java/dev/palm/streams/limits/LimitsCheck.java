package dev.palm.streams.limits;

import dev.palm.packs.OperationLimits;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.ResourceLimits;
import dev.palm.streams.deployments.DeploymentState;
import dev.palm.streams.deployments.PackTotals;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.ReasonCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Step 5 of the policy (docs/architecture.md §4): the pack's operation limits, capability maxima
 * and resource limits against the effect an operation would have. Capacity limits only stop
 * operations that make the measured quantity larger, so shrinking an over-limit deployment is
 * always possible. Every breached limit is reported.
 */
public final class LimitsCheck {

  private LimitsCheck() {}

  /**
   * The limits {@code transition} would breach.
   *
   * @param rateNow the operation's time in the rate window, or empty when the rate was already
   *     charged (an operation resumed after approval)
   */
  public static List<Finding> check(
      PlatformPack pack,
      Transition transition,
      PackTotals totals,
      AdmissionCount window,
      Optional<Long> rateNow) {
    List<Finding> findings = new ArrayList<>();
    OperationLimits limits = pack.policyConfig().limits();
    PlatformCapabilities caps = pack.capabilities();
    if (rateNow.isPresent()) {
      int inWindow = window.countAt(rateNow.get());
      if (inWindow >= limits.rateLimitPerMinute()) {
        findings.add(
            new Finding(
                "limits.rate_limit_per_minute",
                ReasonCodes.RATE_LIMIT_EXCEEDED,
                inWindow
                    + " operations were admitted in the last 60 s; rate_limit_per_minute is "
                    + limits.rateLimitPerMinute()
                    + "; retry later"));
      }
    }
    if (transition.creates()) {
      int after = totals.deployments() + 1;
      if (after > limits.maxConcurrentDeployments()) {
        findings.add(
            new Finding(
                "limits.max_concurrent_deployments",
                ReasonCodes.CONCURRENT_DEPLOYMENTS_EXCEEDED,
                "creating a deployment would make "
                    + after
                    + " deployments; max_concurrent_deployments is "
                    + limits.maxConcurrentDeployments()));
      }
      caps.maxDeployments()
          .filter(max -> after > max)
          .ifPresent(
              max ->
                  findings.add(
                      new Finding(
                          "capabilities.max_deployments",
                          ReasonCodes.MAX_DEPLOYMENTS_EXCEEDED,
                          "creating a deployment would"
                              + " make "
                              + after
                              + " deployments; capabilities.max_deployments is "
                              + max)));
    }
    if (transition.rescales()) {
      int delta = transition.replicasAfter() - transition.replicasBefore();
      if (delta > limits.maxScaleUp()) {
        findings.add(
            new Finding(
                "limits.max_scale_up",
                ReasonCodes.SCALE_UP_EXCEEDED,
                "scaling up by "
                    + delta
                    + " replicas ("
                    + transition.replicasBefore()
                    + " -> "
                    + transition.replicasAfter()
                    + ") exceeds max_scale_up "
                    + limits.maxScaleUp()
                    + "; scale in smaller steps"));
      }
      if (-delta > limits.maxScaleDown()) {
        findings.add(
            new Finding(
                "limits.max_scale_down",
                ReasonCodes.SCALE_DOWN_EXCEEDED,
                "scaling down by "
                    + (-delta)
                    + " replicas ("
                    + transition.replicasBefore()
                    + " -> "
                    + transition.replicasAfter()
                    + ") exceeds max_scale_down "
                    + limits.maxScaleDown()
                    + "; scale in smaller steps"));
      }
    }
    if (transition.after().isPresent()) {
      DeploymentState after = transition.after().get();
      int before = transition.replicasBefore();
      caps.maxInstancesPerDeployment()
          .filter(max -> after.replicas() > max && after.replicas() > before)
          .ifPresent(
              max ->
                  findings.add(
                      new Finding(
                          "capabilities.max_instances_per_deployment",
                          ReasonCodes.INSTANCES_PER_DEPLOYMENT_EXCEEDED,
                          "deployment '"
                              + after.deploymentId()
                              + "' would have "
                              + after.replicas()
                              + " instances; max_instances_per_deployment is "
                              + max)));
      long totalAfter = totals.instances() - before + after.replicas();
      caps.maxTotalInstances()
          .filter(max -> totalAfter > max && after.replicas() > before)
          .ifPresent(
              max ->
                  findings.add(
                      new Finding(
                          "capabilities.max_total_instances",
                          ReasonCodes.TOTAL_INSTANCES_EXCEEDED,
                          "the pack would run "
                              + totalAfter
                              + " instances; max_total_instances is "
                              + max)));
      resources(pack.resourceConfig().limits(), transition, totals, findings);
    }
    return List.copyOf(findings);
  }

  private static void resources(
      ResourceLimits limits, Transition t, PackTotals totals, List<Finding> findings) {
    perInstance(
        "max_cpu_millicores",
        "CPU",
        "m",
        DeploymentState::cpuMillicores,
        limits.maxCpuMillicores(),
        t,
        findings);
    perInstance(
        "max_memory_mb",
        "memory",
        " MiB",
        DeploymentState::memoryMb,
        limits.maxMemoryMb(),
        t,
        findings);
    perInstance(
        "max_storage_mb",
        "storage",
        " MiB",
        DeploymentState::storageMb,
        limits.maxStorageMb(),
        t,
        findings);
    perInstance(
        "max_network_kbps",
        "network",
        " kbps",
        DeploymentState::networkKbps,
        limits.maxNetworkKbps(),
        t,
        findings);
    packWide(
        "total_cpu_millicores",
        "CPU",
        "m",
        DeploymentState::totalCpu,
        totals.cpuMillicores(),
        limits.totalCpuMillicores(),
        t,
        findings);
    packWide(
        "total_memory_mb",
        "memory",
        " MiB",
        DeploymentState::totalMemory,
        totals.memoryMb(),
        limits.totalMemoryMb(),
        t,
        findings);
  }

  private static void perInstance(
      String field,
      String what,
      String unit,
      ToLongFunction<DeploymentState> value,
      long max,
      Transition t,
      List<Finding> findings) {
    long after = value.applyAsLong(t.after().orElseThrow());
    long before = t.before().map(value::applyAsLong).orElse(0L);
    if (after > max && after > before) {
      findings.add(
          new Finding(
              "resources.limits." + field,
              ReasonCodes.RESOURCE_LIMIT_EXCEEDED,
              what
                  + " per instance of "
                  + after
                  + unit
                  + " exceeds resources.limits."
                  + field
                  + " "
                  + max
                  + unit));
    }
  }

  private static void packWide(
      String field,
      String what,
      String unit,
      ToLongFunction<DeploymentState> value,
      long currentTotal,
      long max,
      Transition t,
      List<Finding> findings) {
    long after = value.applyAsLong(t.after().orElseThrow());
    long before = t.before().map(value::applyAsLong).orElse(0L);
    long totalAfter = currentTotal - before + after;
    if (totalAfter > max && after > before) {
      findings.add(
          new Finding(
              "resources.limits." + field,
              ReasonCodes.RESOURCE_LIMIT_EXCEEDED,
              "the pack's"
                  + " total "
                  + what
                  + " would be "
                  + totalAfter
                  + unit
                  + "; resources.limits."
                  + field
                  + " is "
                  + max
                  + unit));
    }
  }
}
