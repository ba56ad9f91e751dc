package dev.palm.packs.spec;

import java.util.Objects;

/**
 * A capability an agent needs.
 *
 * @param name the capability's name
 * @param version the capability's version requirement
 */
public record CapabilityRef(String name, String version) {

  /** Checks that both parts are present. */
  public CapabilityRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }
}
