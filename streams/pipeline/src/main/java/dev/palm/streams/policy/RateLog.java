package dev.palm.streams.policy;

import dev.palm.streams.limits.AdmissionCount;
import dev.palm.streams.limits.RateBucket;
import dev.palm.streams.limits.RateLogHead;
import java.util.Optional;

/**
 * One pack's sliding 60-second log of admissions, kept exact at O(1) amortised cost per operation
 * whatever {@code rate_limit_per_minute} is: admissions are grouped by millisecond (times are
 * milliseconds, so grouping loses nothing), each group is its own entry of the {@value
 * PolicyStores#RATE_LOG} store (key {@code <pack>/<index>}, value a {@link RateBucket}), and a
 * small {@link RateLogHead} says which entries are live and how many admissions they hold. A burst
 * writes one entry per millisecond, rewritten in place, instead of one per operation. Entries leave
 * from the oldest end — once each — when they slide out of the window, or when the newer ones alone
 * reach the limit (only whether the limit is reached matters, and the oldest entries slide out
 * first, so "count &ge; limit" stays exact). Times are the input records' timestamps made monotonic
 * per pack ({@link #clock}), so back-dating cannot slip past the limit. All reads and writes go
 * through the input's {@link Transaction}.
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
    return (int) Math.min(Integer.MAX_VALUE, head.admitted());
  }

  /**
   * Admits one operation at {@code now}; entries older than what the newest {@code limit}
   * admissions need are dropped.
   */
  void admit(long now, int limit) {
    dropFromHead(Math.max(limit, 1) - 1L, now - WINDOW_MS);
    long lastEventTime = Math.max(now, head.lastEventTime());
    if (head.size() > 0) {
      String newest = key(head.tail() - 1);
      Optional<RateBucket> bucket = tx.get(stores.rateLog(), newest);
      if (bucket.isPresent() && bucket.get().time() == now) {
        tx.put(stores.rateLog(), newest, bucket.get().plusOne());
        update(new RateLogHead(head.head(), head.tail(), lastEventTime, head.admitted() + 1));
        return;
      }
    }
    tx.put(stores.rateLog(), key(head.tail()), new RateBucket(now, 1));
    update(new RateLogHead(head.head(), head.tail() + 1, lastEventTime, head.admitted() + 1));
  }

  /**
   * Deletes the oldest entries while the others still hold {@code keep} admissions or more, or the
   * oldest is at or before {@code cutoff}.
   */
  private void dropFromHead(long keep, long cutoff) {
    long first = head.head();
    long admitted = head.admitted();
    while (first < head.tail()) {
      Optional<RateBucket> oldest = tx.get(stores.rateLog(), key(first));
      // a missing entry (damaged state) counts as nothing here, so the total can only be too high:
      // the limit then denies early, never late, until the log empties and the total resets
      long count = oldest.map(RateBucket::count).orElse(0L);
      boolean expired = oldest.isEmpty() || oldest.get().time() <= cutoff;
      if (!expired && admitted - count < keep) {
        break;
      }
      tx.delete(stores.rateLog(), key(first));
      admitted = Math.max(0, admitted - count);
      first++;
    }
    if (first != head.head()) {
      update(
          new RateLogHead(
              first, head.tail(), head.lastEventTime(), first == head.tail() ? 0 : admitted));
    }
  }

  private void update(RateLogHead next) {
    head = next;
    tx.put(stores.rateHeads(), pack, head);
  }

  private String key(long index) {
    return StoreKeys.of(pack, Long.toString(index));
  }
}
