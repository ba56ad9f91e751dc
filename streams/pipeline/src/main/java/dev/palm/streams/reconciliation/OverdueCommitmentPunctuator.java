package dev.palm.streams.reconciliation;

import dev.palm.streams.operations.DueHandler;
import java.util.Objects;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Wall-clock punctuator that finds commitments past their due time whose overdue alert was not
 * raised yet and hands each to the policy, which audits {@code RECONCILIATION_OVERDUE} and
 * publishes the alert once.
 */
public final class OverdueCommitmentPunctuator implements Punctuator {

  private final KeyValueStore<String, Commitment> commitments;
  private final DueHandler<Commitment> alert;

  /**
   * @param commitments the commitments store (keys {@code <pack>/<operation id>})
   * @param alert called for each commitment whose alert is due, in key order
   */
  public OverdueCommitmentPunctuator(
      KeyValueStore<String, Commitment> commitments, DueHandler<Commitment> alert) {
    this.commitments = Objects.requireNonNull(commitments, "commitments");
    this.alert = Objects.requireNonNull(alert, "alert");
  }

  @Override
  public void punctuate(long now) {
    // Collect first: the callback rewrites the commitments being iterated.
    DueHandler.collectDue(commitments, item -> item.alertDueAt(now))
        .forEach(kv -> alert.handle(kv.key, kv.value, now));
  }
}
