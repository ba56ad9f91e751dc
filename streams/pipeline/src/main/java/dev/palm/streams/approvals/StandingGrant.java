package dev.palm.streams.approvals;

import java.util.List;
import java.util.Objects;

/**
 * A standing approval in force (store {@code palm-standing-approvals}): who granted it, what it
 * covers, and how often it was used.
 *
 * @param pack the pack
 * @param grantId its id
 * @param grantor the grantor's canonical id
 * @param operations operation names it covers
 * @param deployments deployments it covers; empty = every deployment
 * @param maxUses how many requests it may approve
 * @param uses how many it approved so far
 * @param expiresAt when it stops approving, epoch milliseconds
 * @param auditSequence the audit record of its grant
 */
public record StandingGrant(
    String pack,
    String grantId,
    String grantor,
    List<String> operations,
    List<String> deployments,
    int maxUses,
    int uses,
    long expiresAt,
    long auditSequence) {

  public StandingGrant {
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(grantor, "grantor");
    operations = List.copyOf(operations);
    deployments = deployments == null ? List.of() : List.copyOf(deployments);
  }

  /**
   * Whether it may approve {@code operation} on {@code deploymentId} at {@code now} (scope, expiry
   * and uses; who asked is judged by the flow).
   */
  public boolean covers(String operation, String deploymentId, long now) {
    return now < expiresAt
        && uses < maxUses
        && operations.contains(operation)
        && (deployments.isEmpty() || deployments.contains(deploymentId));
  }

  /** This grant after one more use. */
  public StandingGrant used() {
    return new StandingGrant(
        pack,
        grantId,
        grantor,
        operations,
        deployments,
        maxUses,
        uses + 1,
        expiresAt,
        auditSequence);
  }
}
