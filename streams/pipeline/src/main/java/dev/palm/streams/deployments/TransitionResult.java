package dev.palm.streams.deployments;

import dev.palm.streams.operations.Finding;

/**
 * Either the effect an operation would have on its deployment, or why it cannot apply to the
 * current state.
 */
public sealed interface TransitionResult {

  /** The operation applies; {@code transition} is its effect. */
  record Applies(Transition transition) implements TransitionResult {}

  /**
   * The operation cannot apply to the deployment's current state (absent, present, wrong direction,
   * ...).
   */
  record Rejected(Finding finding, Transition unchanged) implements TransitionResult {}

  /**
   * The transition, or for rejections the unchanged state (so later rules can still see the
   * deployment).
   */
  default Transition transition() {
    // Java 17: no pattern matching in switch yet, so test the two variants in turn.
    if (this instanceof Applies a) {
      return a.transition();
    }
    return ((Rejected) this).unchanged();
  }
}
