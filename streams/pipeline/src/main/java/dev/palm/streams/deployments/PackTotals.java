package dev.palm.streams.deployments;

import java.util.Optional;

/**
 * Pack-wide sums over the deployments, kept next to them so that capacity limits are checked in
 * O(1); value of the {@code palm-pack-totals} store.
 *
 * @param deployments number of deployments
 * @param instances replicas over all deployments
 * @param cpuMillicores CPU over all replicas
 * @param memoryMb memory over all replicas
 */
public record PackTotals(int deployments, long instances, long cpuMillicores, long memoryMb) {

  /** A pack without deployments. */
  public static final PackTotals EMPTY = new PackTotals(0, 0, 0, 0);

  /**
   * The totals after one deployment changed from {@code before} to {@code after} (empty = absent).
   */
  public PackTotals apply(Optional<DeploymentState> before, Optional<DeploymentState> after) {
    int d = deployments + (after.isPresent() ? 1 : 0) - (before.isPresent() ? 1 : 0);
    long i =
        instances
            + after.map(DeploymentState::replicas).orElse(0)
            - before.map(DeploymentState::replicas).orElse(0);
    long c =
        cpuMillicores
            + after.map(DeploymentState::totalCpu).orElse(0L)
            - before.map(DeploymentState::totalCpu).orElse(0L);
    long m =
        memoryMb
            + after.map(DeploymentState::totalMemory).orElse(0L)
            - before.map(DeploymentState::totalMemory).orElse(0L);
    return new PackTotals(d, i, c, m);
  }
}
