package dev.palm.streams.reconciliation;

import dev.palm.events.Decision;
import dev.palm.events.OperationOutcome;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.ReasonCodes;
import java.util.Optional;

/**
 * Step 8 of docs/architecture.md §4, when an outcome arrives: matches it against the operation's
 * standing decision, its open commitment and the outcomes already recorded, and says what it is
 * ({@link OutcomeVerdict}).
 */
public final class OutcomeCheck {

  private OutcomeCheck() {}

  /**
   * Classifies {@code outcome}, read in the order of pack {@code pack} at wall-clock time {@code
   * now}.
   *
   * @param known the operation as the policy knows it, empty when the id was never seen
   * @param commitment its open commitment, if any
   * @param recorded the outcome already recorded for it, if any
   */
  public static OutcomeVerdict classify(
      String pack,
      OperationOutcome outcome,
      Optional<KnownOperation> known,
      Optional<Commitment> commitment,
      Optional<RecordedOutcome> recorded,
      long now) {
    if (!pack.equals(outcome.getPack())) {
      return new OutcomeVerdict.Refused(
          new Finding(
              "validity.pack",
              ReasonCodes.PACK_MISMATCH,
              "the outcome names pack '"
                  + outcome.getPack()
                  + "' but was published with key '"
                  + pack
                  + "'; publish it with the pack name as record key"));
    }
    String id = outcome.getOperationId();
    if (known.isEmpty()) {
      return new OutcomeVerdict.Unauthorized(
          id.isBlank()
              ? "an outcome without operation id reports an execution on deployment '"
                  + outcome.getDeploymentId()
                  + "' that no allowed operation covers"
              : "operation '"
                  + id
                  + "' was executed but pack '"
                  + pack
                  + "' never received it, so it was"
                  + " never allowed");
    }
    KnownOperation op = known.get();
    if (op.decision() != Decision.ALLOWED) {
      return new OutcomeVerdict.Unauthorized(
          "operation '"
              + id
              + "' ("
              + op.operation()
              + " on deployment '"
              + op.deploymentId()
              + "') was executed but its standing decision is "
              + op.decision()
              + "; it was never allowed");
    }
    if (!op.deploymentId().equals(outcome.getDeploymentId())) {
      return new OutcomeVerdict.Unauthorized(
          "operation '"
              + id
              + "' was allowed on deployment '"
              + op.deploymentId()
              + "' but executed on deployment '"
              + outcome.getDeploymentId()
              + "'");
    }
    String executed = outcome.getOperation();
    if (executed != null && !executed.isBlank() && !executed.equals(op.operation())) {
      return new OutcomeVerdict.Unauthorized(
          "operation '"
              + id
              + "' was allowed as "
              + op.operation()
              + " but executed as "
              + executed);
    }
    if (recorded.isPresent()) {
      return new OutcomeVerdict.Duplicate(recorded.get());
    }
    if (commitment.isPresent()) {
      return new OutcomeVerdict.Settles(commitment.get(), commitment.get().pastDueAt(now));
    }
    return new OutcomeVerdict.Recorded();
  }
}
