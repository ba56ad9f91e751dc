package dev.palm.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * The part of the audit chain a checkpoint covers: records {@code firstSequence..lastSequence}
 * (inclusive; empty when {@code lastSequence == firstSequence - 1}), the hash of the head record
 * and the Merkle root.
 *
 * @param firstSequence first covered sequence
 * @param lastSequence last covered sequence, or {@code firstSequence - 1} for an empty range
 * @param headHash hash of the record at {@code lastSequence} (for an empty range, of the record
 *     before it)
 * @param merkleRoot {@link MerkleTree} root of the covered record hashes, lowercase hex
 * @param offsets the audit topic offsets the range accounts for, when known
 */
public record CheckpointRange(
    long firstSequence,
    long lastSequence,
    String headHash,
    String merkleRoot,
    Optional<OffsetBinding> offsets) {

  /** A range that binds no offsets. */
  public CheckpointRange(
      long firstSequence, long lastSequence, String headHash, String merkleRoot) {
    this(firstSequence, lastSequence, headHash, merkleRoot, Optional.empty());
  }

  public CheckpointRange {
    Objects.requireNonNull(offsets, "offsets");
    if (firstSequence < 0 || lastSequence < firstSequence - 1) {
      throw new IllegalArgumentException(
          "invalid checkpoint range " + firstSequence + ".." + lastSequence);
    }
    Objects.requireNonNull(headHash, "headHash");
    Objects.requireNonNull(merkleRoot, "merkleRoot");
  }

  /** Number of records covered. */
  public long size() {
    return lastSequence - firstSequence + 1;
  }
}
