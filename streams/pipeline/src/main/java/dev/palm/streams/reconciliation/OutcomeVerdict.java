package dev.palm.streams.reconciliation;

import dev.palm.streams.operations.Finding;
import java.util.Objects;

/**
 * How an {@code OperationOutcome} reconciles with what the policy allowed (see {@link
 * OutcomeCheck}).
 */
public sealed interface OutcomeVerdict {

  /**
   * The outcome names another pack than the one whose order it joined: refused, nothing changes.
   */
  record Refused(Finding finding) implements OutcomeVerdict {
    public Refused {
      Objects.requireNonNull(finding, "finding");
    }
  }

  /**
   * The operation was never allowed, or was executed otherwise than allowed: an unauthorized
   * execution.
   */
  record Unauthorized(String message) implements OutcomeVerdict {
    public Unauthorized {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * An outcome was already recorded for this allowed operation: recorded as a duplicate, nothing
   * else.
   */
  record Duplicate(RecordedOutcome first) implements OutcomeVerdict {
    public Duplicate {
      Objects.requireNonNull(first, "first");
    }
  }

  /**
   * The first outcome of an allowed operation that is a commitment: it settles the commitment.
   *
   * @param commitment the open commitment
   * @param late whether it arrived at or after the commitment's due time
   */
  record Settles(Commitment commitment, boolean late) implements OutcomeVerdict {
    public Settles {
      Objects.requireNonNull(commitment, "commitment");
    }
  }

  /** The first outcome of an allowed operation that needs no reconciliation: recorded. */
  record Recorded() implements OutcomeVerdict {}
}
