package dev.palm.streams.holds;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An active safety hold on one operation; value of the {@code palm-holds} store, removed when the
 * hold is released, cancelled or auto-released.
 *
 * @param pack pack whose policy placed it
 * @param holdId hold id ({@code hold-<operation id>})
 * @param operationId held operation
 * @param requesterId actor id of the requester (who may not release it)
 * @param placedAt when it was placed (epoch ms, wall clock)
 * @param autoReleaseAt when it releases itself (epoch ms), absent = only a human can release it
 * @param ruleIds rules that placed it
 * @param auditSequence audit record of the placement
 */
public record Hold(
    String pack,
    String holdId,
    String operationId,
    String requesterId,
    long placedAt,
    Optional<Long> autoReleaseAt,
    List<String> ruleIds,
    long auditSequence) {

  public Hold {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(holdId, "holdId");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(requesterId, "requesterId");
    autoReleaseAt = Objects.requireNonNullElse(autoReleaseAt, Optional.empty());
    ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
  }

  /** The hold id of an operation: deterministic, so a replay after a crash produces the same id. */
  public static String idFor(String operationId) {
    return "hold-" + operationId;
  }

  /** Whether the hold is due for auto-release at {@code now}. */
  public boolean dueAt(long now) {
    return autoReleaseAt.isPresent() && now >= autoReleaseAt.get();
  }
}
