package dev.palm.client;

import dev.palm.events.OperationOutcome;
import dev.palm.events.OutcomeStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * An executor's report that it carried out (or failed to carry out) an operation, reconciled by the
 * pipeline against what was allowed.
 *
 * @param pack pack of the operation
 * @param operationId operation executed
 * @param operation operation name, if the executor knows it
 * @param deploymentId deployment it was executed on
 * @param status whether it took effect
 * @param executedBy who executed it (usually a service)
 * @param executedAt when execution finished
 * @param detail free text, e.g. an error message
 */
public record Outcome(
    String pack,
    String operationId,
    Optional<String> operation,
    String deploymentId,
    OutcomeStatus status,
    Identity executedBy,
    Instant executedAt,
    Optional<String> detail) {

  public Outcome {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(executedBy, "executedBy");
    Objects.requireNonNull(detail, "detail");
    executedAt = Objects.requireNonNull(executedAt, "executedAt").truncatedTo(ChronoUnit.MILLIS);
  }

  /** A successful execution finished now. */
  public static Outcome succeeded(
      String pack, String operationId, String deploymentId, Identity executedBy) {
    return new Outcome(
        pack,
        operationId,
        Optional.empty(),
        deploymentId,
        OutcomeStatus.SUCCEEDED,
        executedBy,
        Instant.now(),
        Optional.empty());
  }

  /** A failed execution finished now, with the error as detail. */
  public static Outcome failed(
      String pack, String operationId, String deploymentId, Identity executedBy, String detail) {
    return new Outcome(
        pack,
        operationId,
        Optional.empty(),
        deploymentId,
        OutcomeStatus.FAILED,
        executedBy,
        Instant.now(),
        Optional.of(detail));
  }

  /** A copy naming the operation. */
  public Outcome withOperation(String operationName) {
    return new Outcome(
        pack,
        operationId,
        Optional.of(operationName),
        deploymentId,
        status,
        executedBy,
        executedAt,
        detail);
  }

  /** A copy with another execution time. */
  public Outcome withExecutedAt(Instant time) {
    return new Outcome(
        pack, operationId, operation, deploymentId, status, executedBy, time, detail);
  }

  /** A copy with a detail text. */
  public Outcome withDetail(String text) {
    return new Outcome(
        pack,
        operationId,
        operation,
        deploymentId,
        status,
        executedBy,
        executedAt,
        Optional.of(text));
  }

  /** The Avro event for {@code palm.outcomes}. */
  public OperationOutcome toAvro() {
    return OperationOutcome.newBuilder()
        .setOperationId(operationId)
        .setPack(pack)
        .setOperation(operation.orElse(null))
        .setDeploymentId(deploymentId)
        .setStatus(status)
        .setExecutedBy(executedBy.toAvro())
        .setExecutedAt(executedAt)
        .setDetail(detail.orElse(null))
        .build();
  }
}
