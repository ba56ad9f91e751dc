package dev.palm.streams.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the policy topology that is not part of any pack.
 *
 * @param punctuationInterval how often (wall clock) the timers look for expired approvals, escalations and
 *                            holds to auto-release; a timeout fires at the first punctuation at or after it
 */
public record PolicyOptions(Duration punctuationInterval) {

    public PolicyOptions {
        Objects.requireNonNull(punctuationInterval, "punctuationInterval");
        if (punctuationInterval.isNegative() || punctuationInterval.isZero()) {
            throw new IllegalArgumentException("punctuationInterval must be positive, got " + punctuationInterval);
        }
    }

    /** One-second timers. */
    public static PolicyOptions defaults() {
        return new PolicyOptions(Duration.ofSeconds(1));
    }
}
