package dev.palm.streams.limits;

/**
 * Where one pack's log of admissions is (value of the {@code palm-rate-heads} store): the
 * admissions are entries {@code head..tail-1} of the {@code palm-rate-log} store, oldest first.
 *
 * @param head index of the oldest entry still kept
 * @param tail index the next admission gets
 * @param lastEventTime latest admission time (epoch ms), so that time never runs backwards
 */
public record RateLogHead(long head, long tail, long lastEventTime) {

  /** A pack that admitted nothing yet. */
  public static final RateLogHead EMPTY = new RateLogHead(0, 0, Long.MIN_VALUE);

  public RateLogHead {
    if (head < 0 || tail < head) {
      throw new IllegalArgumentException("invalid rate log head " + head + ".." + tail);
    }
  }

  /** Entries kept. */
  public long size() {
    return tail - head;
  }
}
