package dev.palm.client;

/** Receives progress of a long read, e.g. to draw a progress line on a terminal. */
@FunctionalInterface
public interface ReadProgress {

  /** Ignores progress. */
  ReadProgress NONE = (done, total) -> {};

  /**
   * Called now and then during a read.
   *
   * @param done records read so far
   * @param total records to read at most (an estimate: transaction markers count too)
   */
  void update(long done, long total);
}
