package dev.palm.streams.sample;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A batch of the sample workload published together; the next phase starts only after every
 * decision this phase causes has been seen, because answers must follow the decisions they answer.
 *
 * @param name short name shown in progress lines
 * @param description what the phase does
 * @param steps records to publish, in order
 * @param timerWait how long the phase may have to wait for the pipeline's timers (expiry,
 *     escalation, auto-release) on top of the normal processing time; zero when no timer is
 *     involved
 */
public record SamplePhase(
    String name, String description, List<SampleStep> steps, Duration timerWait) {

  /** Validates and copies the components. */
  public SamplePhase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    steps = List.copyOf(steps);
    Objects.requireNonNull(timerWait, "timerWait");
  }
}
