package dev.palm.streams.holds;

import dev.palm.streams.operations.DueHandler;
import java.util.Objects;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Wall-clock punctuator that finds holds whose {@code auto_release_after_secs} has passed and hands
 * each to the policy, which audits the auto-release and continues the operation's evaluation at the
 * limits.
 */
public final class HoldAutoReleasePunctuator implements Punctuator {

  private final KeyValueStore<String, Hold> holds;
  private final DueHandler<Hold> release;

  /**
   * @param holds the holds store (keys {@code <pack>/<hold id>})
   * @param release called with the store key and the hold for each due hold, in key order
   */
  public HoldAutoReleasePunctuator(KeyValueStore<String, Hold> holds, DueHandler<Hold> release) {
    this.holds = Objects.requireNonNull(holds, "holds");
    this.release = Objects.requireNonNull(release, "release");
  }

  @Override
  public void punctuate(long now) {
    // Collect first: the callback removes released holds from the store being iterated.
    DueHandler.collectDue(holds, item -> item.dueAt(now))
        .forEach(kv -> release.handle(kv.key, kv.value, now));
  }
}
