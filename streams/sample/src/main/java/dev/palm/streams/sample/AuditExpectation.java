package dev.palm.streams.sample;

import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import java.util.Objects;

/**
 * An audit record the sample workload expects for an operation that has no decision of its own,
 * e.g. a refused self-approval or the reuse of an operation id for a different request.
 *
 * @param operationId the operation the record is about
 * @param eventType its event type
 * @param reasonCode a reason code it must carry
 */
public record AuditExpectation(String operationId, AuditEventType eventType, String reasonCode) {

  /** Validates the components. */
  public AuditExpectation {
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(reasonCode, "reasonCode");
  }

  /** Whether {@code record} is the expected record. */
  public boolean matches(AuditRecord record) {
    return operationId.equals(record.getOperationId())
        && record.getEventType() == eventType
        && record.getReasonCodes().contains(reasonCode);
  }

  @Override
  public String toString() {
    return eventType + "(" + reasonCode + ")";
  }
}
