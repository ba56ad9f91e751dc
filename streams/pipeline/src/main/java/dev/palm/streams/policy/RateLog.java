package dev.palm.streams.policy;

import dev.palm.streams.limits.AdmissionCount;
import dev.palm.streams.limits.RateLogHead;
import java.util.Optional;

/**
 * One pack's sliding 60-second log of admissions, kept exact at O(1) amortised cost per operation
 * whatever {@code rate_limit_per_minute} is: each admission time is its own entry of the {@value
 * PolicyStores#RATE_LOG} store (key {@code <pack>/<index>}), and a small {@link RateLogHead} says
 * which entries are live. Entries leave from the oldest end — once each — when they slide out of
 * the window, or when more than the limit are kept (only whether the limit is reached matters, and
 * the oldest entries slide out first, so "count &ge; limit" stays exact). Times are the input
 * records' timestamps made monotonic per pack ({@link #clock}), so back-dating cannot slip past the
 * limit. All reads and writes go through the input's {@link Transaction}.
 */
final class RateLog implements AdmissionCount {

  private final Transaction tx;
  private final PolicyStores stores;
  private final String pack;
  private RateLogHead head;

  RateLog(Transaction tx, PolicyStores stores, String pack) {
    this.tx = tx;
    this.stores = stores;
    this.pack = pack;
    this.head = tx.get(stores.rateHeads(), pack).orElse(RateLogHead.EMPTY);
  }

  /** The time an operation stamped {@code recordTime} counts at. */
  long clock(long recordTime) {
    return Math.max(recordTime, head.lastEventTime());
  }

  @Override
  public int countAt(long now) {
    dropFromHead(Long.MAX_VALUE, now - WINDOW_MS);
    return (int) Math.min(Integer.MAX_VALUE, head.size());
  }

  /** Admits one operation at {@code now}, keeping at most the newest {@code limit} entries. */
  void admit(long now, int limit) {
    dropFromHead(Math.max(limit, 1) - 1L, now - WINDOW_MS);
    tx.put(stores.rateLog(), key(head.tail()), now);
    head = new RateLogHead(head.head(), head.tail() + 1, Math.max(now, head.lastEventTime()));
    tx.put(stores.rateHeads(), pack, head);
  }

  /**
   * Deletes the oldest entries while more than {@code keep} are kept or the oldest is at or before
   * {@code cutoff}.
   */
  private void dropFromHead(long keep, long cutoff) {
    long first = head.head();
    while (first < head.tail()) {
      if (head.tail() - first <= keep) {
        Optional<Long> oldest = tx.get(stores.rateLog(), key(first));
        if (oldest.isPresent() && oldest.get() > cutoff) {
          break;
        }
      }
      tx.delete(stores.rateLog(), key(first));
      first++;
    }
    if (first != head.head()) {
      head = new RateLogHead(first, head.tail(), head.lastEventTime());
      tx.put(stores.rateHeads(), pack, head);
    }
  }

  private String key(long index) {
    return StoreKeys.of(pack, Long.toString(index));
  }
}
