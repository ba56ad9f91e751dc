package dev.palm.streams.bench;

import java.util.Map;

/**
 * What one measured pass of operations through one application (PALM, or the pass-through baseline)
 * showed.
 *
 * @param system which application ({@code palm} or {@code baseline})
 * @param operations operations published and answered in the measured pass
 * @param seconds from the first publish to the last decision read by a read_committed consumer
 * @param opsPerSecond {@code operations / seconds}
 * @param decidedLatency decision record timestamp − {@code requested_at} (when the processor
 *     emitted it)
 * @param visibleLatency time the read_committed consumer received the decision − {@code
 *     requested_at} (adds the transaction commit, i.e. up to {@code commit.interval.ms})
 * @param decisions decisions read, per decision value (all {@code ALLOWED} when the bench pack
 *     admits all)
 * @param duplicates decisions read more than once for the same operation (0 under exactly-once)
 */
public record PipelineRun(
    String system,
    int operations,
    double seconds,
    double opsPerSecond,
    LatencyStats decidedLatency,
    LatencyStats visibleLatency,
    Map<String, Integer> decisions,
    int duplicates) {

  /** Copies the map. */
  public PipelineRun {
    decisions = Map.copyOf(decisions);
  }
}
