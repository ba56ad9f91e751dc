package dev.palm.streams.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of latency samples in milliseconds, as the benchmark reports them.
 *
 * @param samples number of samples
 * @param p50Ms median (nearest-rank)
 * @param p99Ms 99th percentile (nearest-rank)
 * @param p999Ms 99.9th percentile (nearest-rank)
 * @param maxMs largest sample
 */
public record LatencyStats(int samples, long p50Ms, long p99Ms, long p999Ms, long maxMs) {

  /** Percentiles of {@code samplesMs} (not modified). */
  public static LatencyStats of(long[] samplesMs) {
    if (samplesMs.length == 0) {
      return new LatencyStats(0, 0, 0, 0, 0);
    }
    long[] sorted = samplesMs.clone();
    Arrays.sort(sorted);
    return new LatencyStats(
        sorted.length,
        nearestRank(sorted, 50),
        nearestRank(sorted, 99),
        nearestRank(sorted, 99.9),
        sorted[sorted.length - 1]);
  }

  private static long nearestRank(long[] sorted, double percentile) {
    // the epsilon keeps 99.9 % of 1000 at rank 999 (floating point makes it 999.0000000000001)
    int rank = (int) Math.ceil(percentile * sorted.length / 100.0 - 1e-9);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
