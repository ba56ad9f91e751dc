package dev.palm.streams.reconciliation;

import java.util.Objects;

/**
 * The first outcome recorded for an allowed operation; value of the {@code palm-outcomes} store,
 * kept so that a repeated report is recognised as a duplicate and never settles or alerts twice.
 *
 * @param operationId the operation
 * @param status {@code SUCCEEDED} or {@code FAILED}, as reported
 * @param executedBy actor id of the executor
 * @param executedAt when the executor says it finished (epoch ms)
 * @param recordedAt when PALM recorded it (epoch ms, wall clock)
 * @param auditSequence its {@code OUTCOME_RECORDED} audit record
 */
public record RecordedOutcome(
    String operationId,
    String status,
    String executedBy,
    long executedAt,
    long recordedAt,
    long auditSequence) {

  public RecordedOutcome {
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(executedBy, "executedBy");
  }
}
