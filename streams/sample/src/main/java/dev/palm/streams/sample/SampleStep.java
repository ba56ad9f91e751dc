package dev.palm.streams.sample;

import dev.palm.events.ApprovalResponse;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationRequested;
import java.util.Objects;

/**
 * One record the sample workload publishes: an operation request, an approval response or a hold
 * release.
 */
public sealed interface SampleStep {

  /** The record key: the pack whose total order the record joins. */
  String key();

  /** The operation the record is about. */
  String operationId();

  /**
   * An operation request for {@code <prefix>.operations}.
   *
   * @param key record key (normally the pack named in the request)
   * @param operation the request
   */
  record Submit(String key, OperationRequested operation) implements SampleStep {
    /** Validates the components. */
    public Submit {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(operation, "operation");
    }

    @Override
    public String operationId() {
      return operation.getOperationId();
    }
  }

  /**
   * An approver's answer for {@code <prefix>.approvals.responses}.
   *
   * @param key record key (the pack)
   * @param response the answer
   */
  record Respond(String key, ApprovalResponse response) implements SampleStep {
    /** Validates the components. */
    public Respond {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(response, "response");
    }

    @Override
    public String operationId() {
      return response.getOperationId();
    }
  }

  /**
   * A hold release or cancellation for {@code <prefix>.holds.releases}.
   *
   * @param key record key (the pack)
   * @param release the release or cancellation
   */
  record Release(String key, HoldRelease release) implements SampleStep {
    /** Validates the components. */
    public Release {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(release, "release");
    }

    @Override
    public String operationId() {
      return release.getOperationId();
    }
  }
}
