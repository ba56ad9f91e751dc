package dev.palm.streams.sample;

import java.util.Objects;

/**
 * A decision path of a pack that the sample workload does not exercise, and why (the pack does not
 * have it, or showing it honestly would take longer than a demo run, e.g. a 24-hour approval
 * timeout).
 *
 * @param pack the pack
 * @param path the path, e.g. {@code pending approval -> expired}
 * @param reason why it is not exercised
 */
public record SkippedPath(String pack, String path, String reason) {

  /** Validates the components. */
  public SkippedPath {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
  }
}
