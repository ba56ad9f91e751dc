package dev.palm.streams.limits;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference model of the sliding 60-second window of one pack's admitted operations: the whole
 * list of admission times in memory. The pipeline's store-backed {@code RateLog} must count exactly
 * as this model does (a property test checks it); the sample workload uses the model to predict
 * which operations the rate limit denies.
 *
 * <p>Times are the input records' timestamps made monotonic per pack ({@link #clock(long)}): a
 * record stamped earlier than one already admitted counts at the later time, so back-dating cannot
 * slip past the limit.
 *
 * @param admitted admission times (epoch ms) still inside the window, oldest first
 * @param lastEventTime latest admission time seen
 */
public record RateWindow(List<Long> admitted, long lastEventTime) implements AdmissionCount {

  /** A window with nothing admitted. */
  public static final RateWindow EMPTY = new RateWindow(List.of(), Long.MIN_VALUE);

  public RateWindow {
    admitted = admitted == null ? List.of() : List.copyOf(admitted);
  }

  /** The time an operation stamped {@code recordTime} counts at. */
  public long clock(long recordTime) {
    return Math.max(recordTime, lastEventTime);
  }

  /**
   * Operations admitted in the 60 seconds up to and including {@code now} (window {@code (now - 60
   * s, now]}).
   */
  @Override
  public int countAt(long now) {
    return (int) admitted.stream().filter(t -> t > now - WINDOW_MS && t <= now).count();
  }

  /**
   * The window after admitting one operation at {@code now}, with entries that slid out dropped.
   */
  public RateWindow admit(long now) {
    return admit(now, Integer.MAX_VALUE);
  }

  /**
   * The window after admitting one operation at {@code now}, keeping at most the newest {@code
   * limit} entries.
   *
   * <p>Only whether {@code limit} admissions lie inside the window matters, and the dropped entries
   * are older than every kept one, so they slide out first: "count &ge; limit" stays exact at every
   * later time while the stored value (rewritten on each admission) stays bounded by the pack's
   * rate limit instead of its traffic.
   */
  public RateWindow admit(long now, int limit) {
    List<Long> kept = new ArrayList<>();
    for (Long t : admitted) {
      if (t > now - WINDOW_MS) {
        kept.add(t);
      }
    }
    kept.add(now);
    int cap = Math.max(limit, 1);
    List<Long> newest = kept.size() > cap ? kept.subList(kept.size() - cap, kept.size()) : kept;
    return new RateWindow(newest, Math.max(now, lastEventTime));
  }
}
