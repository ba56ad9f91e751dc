package dev.palm.streams.limits;

/**
 * The admissions of one pack in one millisecond (value of the {@code palm-rate-log} store): a burst
 * of operations in the same millisecond is one entry, rewritten in place, not one entry each.
 *
 * @param time the admission time (epoch ms)
 * @param count admissions at that time
 */
public record RateBucket(long time, long count) {

  public RateBucket {
    if (count < 0) {
      throw new IllegalArgumentException("invalid admission count " + count);
    }
  }

  /** This entry with one more admission. */
  public RateBucket plusOne() {
    return new RateBucket(time, count + 1);
  }
}
