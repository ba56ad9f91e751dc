package dev.palm.streams.sample;

import dev.palm.events.OperationRequested;
import java.util.Objects;

/**
 * The last phase of a pack's workload: a burst of operations that fills the pack's sliding
 * 60-second rate window. Its size and expected decisions depend on when the earlier operations were
 * admitted, so the driver sizes it at run time from the record timestamps it saw: every operation
 * is allowed until the window holds {@code limit} admissions, the next one is denied with {@code
 * RATE_LIMIT_EXCEEDED}.
 *
 * @param pack the pack
 * @param limit the pack's {@code rate_limit_per_minute}
 * @param template an operation that every other rule allows and that changes no state; the burst
 *     sends copies with fresh operation ids
 */
public record RateProbe(String pack, int limit, OperationRequested template) {

  /** Validates the components. */
  public RateProbe {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(template, "template");
    if (limit < 1) {
      throw new IllegalArgumentException("rate limit must be positive, got " + limit);
    }
  }
}
