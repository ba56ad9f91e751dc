package dev.palm.packs.spec;

import java.util.Objects;

/** What an agent health probe checks (Resonance-native probes, or a custom endpoint). */
public sealed interface ProbeType {

  /**
   * Checks the presence gradient (discoverability, responsiveness, stability).
   *
   * @param minScore the minimum combined presence score (0..1)
   */
  record PresenceGradient(double minScore) implements ProbeType {}

  /**
   * Checks coupling capacity.
   *
   * @param minAvailableSlots the minimum available coupling slots
   */
  record CouplingCapacity(int minAvailableSlots) implements ProbeType {}

  /**
   * Checks attention availability.
   *
   * @param minRatio the minimum attention ratio (0..1)
   */
  record AttentionAvailable(double minRatio) implements ProbeType {}

  /**
   * Calls a custom endpoint.
   *
   * @param endpoint the endpoint to call
   */
  record Custom(String endpoint) implements ProbeType {

    /** Checks that the endpoint is present. */
    public Custom {
      Objects.requireNonNull(endpoint, "endpoint");
    }
  }
}
