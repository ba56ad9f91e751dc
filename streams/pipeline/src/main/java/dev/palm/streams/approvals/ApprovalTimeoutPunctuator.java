package dev.palm.streams.approvals;

import dev.palm.streams.operations.DueHandler;
import java.util.Objects;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Wall-clock punctuator that finds approval requests at or past their {@code expires_at} and hands
 * each to the policy, which denies the operation with {@code APPROVAL_EXPIRED} as the system's
 * decision.
 */
public final class ApprovalTimeoutPunctuator implements Punctuator {

  private final KeyValueStore<String, OpenApproval> approvals;
  private final DueHandler<OpenApproval> expire;

  /**
   * @param approvals the pending-approvals store (keys {@code <pack>/<approval id>})
   * @param expire called for each expired request, in key order
   */
  public ApprovalTimeoutPunctuator(
      KeyValueStore<String, OpenApproval> approvals, DueHandler<OpenApproval> expire) {
    this.approvals = Objects.requireNonNull(approvals, "approvals");
    this.expire = Objects.requireNonNull(expire, "expire");
  }

  @Override
  public void punctuate(long now) {
    // Collect first: the callback deletes expired requests from the store being iterated.
    DueHandler.collectDue(approvals, item -> item.expiredAt(now))
        .forEach(kv -> expire.handle(kv.key, kv.value, now));
  }
}
