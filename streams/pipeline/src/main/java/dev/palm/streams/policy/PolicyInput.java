package dev.palm.streams.policy;

import dev.palm.events.ApprovalResponse;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationOutcome;
import dev.palm.events.OperationRequested;
import dev.palm.events.StandingApproval;
import dev.palm.streams.dlq.RawInput;

/** A decoded record of one of the policy's input topics, with the raw record it came from. */
public sealed interface PolicyInput {

  /** The record as read, for the dead-letter topic and the audit record's source position. */
  RawInput raw();

  /** From {@code palm.operations}. */
  record OperationInput(OperationRequested event, RawInput raw) implements PolicyInput {}

  /** From {@code palm.approvals.responses}. */
  record ResponseInput(ApprovalResponse event, RawInput raw) implements PolicyInput {}

  /** From {@code palm.approvals.grants}. */
  record GrantInput(StandingApproval event, RawInput raw) implements PolicyInput {}

  /** From {@code palm.holds.releases}. */
  record ReleaseInput(HoldRelease event, RawInput raw) implements PolicyInput {}

  /** From {@code palm.outcomes}. */
  record OutcomeInput(OperationOutcome event, RawInput raw) implements PolicyInput {}
}
