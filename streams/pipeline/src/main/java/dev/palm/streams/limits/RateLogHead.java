package dev.palm.streams.limits;

/**
 * Where one pack's log of admissions is (value of the {@code palm-rate-heads} store): the
 * admissions are grouped by millisecond into the entries {@code head..tail-1} of the {@code
 * palm-rate-log} store, oldest first ({@link RateBucket}).
 *
 * @param head index of the oldest entry still kept
 * @param tail index the next entry gets
 * @param lastEventTime latest admission time (epoch ms), so that time never runs backwards
 * @param admitted admissions in the entries kept (the sum of their counts)
 */
public record RateLogHead(long head, long tail, long lastEventTime, long admitted) {

  /** A pack that admitted nothing yet. */
  public static final RateLogHead EMPTY = new RateLogHead(0, 0, Long.MIN_VALUE, 0);

  public RateLogHead {
    if (head < 0 || tail < head) {
      throw new IllegalArgumentException("invalid rate log head " + head + ".." + tail);
    }
    if (admitted < 0) {
      throw new IllegalArgumentException("invalid rate log count " + admitted);
    }
  }

  /**
   * A head of the layout before admissions were grouped by millisecond: one admission per entry.
   */
  public static RateLogHead ungrouped(long head, long tail, long lastEventTime) {
    return new RateLogHead(head, tail, lastEventTime, tail - head);
  }

  /** Entries kept. */
  public long size() {
    return tail - head;
  }
}
