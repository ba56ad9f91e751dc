package dev.palm.client;

import dev.palm.events.GrantAction;
import dev.palm.events.StandingApproval;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Grants and revokes standing approvals (packs with {@code human_approval.allow_auto_approval}):
 * publishes {@link StandingApproval} records to {@code palm.approvals.grants}, signed with the
 * grantor's key when given. The pipeline judges them (docs/decisions.md §5).
 */
public final class StandingApprovals implements AutoCloseable {

  private final ClientConfig config;
  private final Clock clock;
  private RecordSender<StandingApproval> sender;

  public StandingApprovals(ClientConfig config) {
    this(config, Clock.systemUTC());
  }

  /** A client whose records carry times from {@code clock}. */
  public StandingApprovals(ClientConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * What a standing approval covers.
   *
   * @param pack the pack
   * @param grantId its id, unique in the pack
   * @param operations operation names it approves (at least one)
   * @param deployments deployments it covers; empty = any
   * @param maxUses how many requests it may approve
   * @param expiresAt when it stops
   * @param reason why, kept in the audit trail
   */
  public record Scope(
      String pack,
      String grantId,
      List<String> operations,
      List<String> deployments,
      int maxUses,
      Instant expiresAt,
      Optional<String> reason) {

    public Scope {
      Objects.requireNonNull(pack, "pack");
      Objects.requireNonNull(grantId, "grantId");
      operations = List.copyOf(operations);
      deployments = List.copyOf(deployments);
      Objects.requireNonNull(expiresAt, "expiresAt");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Publishes the grant of {@code scope} by {@code grantor}. */
  public PublishResult grant(Scope scope, Identity grantor, Optional<SigningKey> key) {
    return send(
        StandingApproval.newBuilder()
            .setGrantId(scope.grantId())
            .setPack(scope.pack())
            .setAction(GrantAction.GRANT)
            .setGrantedBy(grantor.toAvro())
            .setOperations(scope.operations())
            .setDeployments(scope.deployments())
            .setMaxUses(scope.maxUses())
            .setExpiresAt(scope.expiresAt().truncatedTo(ChronoUnit.MILLIS))
            .setReason(scope.reason().orElse(null))
            .setIssuedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
            .setProof(null)
            .build(),
        key);
  }

  /** Publishes the revocation of standing approval {@code grantId} by {@code by}. */
  public PublishResult revoke(
      String pack, String grantId, Identity by, Optional<String> reason, Optional<SigningKey> key) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return send(
        StandingApproval.newBuilder()
            .setGrantId(grantId)
            .setPack(pack)
            .setAction(GrantAction.REVOKE)
            .setGrantedBy(by.toAvro())
            .setOperations(List.of())
            .setDeployments(List.of())
            .setMaxUses(1)
            .setExpiresAt(now)
            .setReason(reason.orElse(null))
            .setIssuedAt(now)
            .setProof(null)
            .build(),
        key);
  }

  private PublishResult send(StandingApproval record, Optional<SigningKey> key) {
    key.ifPresent(k -> record.setProof(k.sign(record, clock.instant())));
    return sender().send(record.getPack(), record.getGrantId(), record);
  }

  private synchronized RecordSender<StandingApproval> sender() {
    if (sender == null) {
      sender =
          new RecordSender<>(
              config,
              config.layout().approvalGrants().name(),
              StandingApproval.class,
              "approval-grants");
    }
    return sender;
  }

  @Override
  public synchronized void close() {
    if (sender != null) {
      sender.close();
    }
  }
}
