package dev.palm.audit;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Outcome of verifying (a range of) one pack's audit chain with {@link ChainVerifier}.
 *
 * @param status overall verdict: the kind of the first problem found, or {@link Status#INTACT}
 * @param pack pack of the verified records, empty when no record was read
 * @param recordsChecked records fed to the verifier (unreadable ones included)
 * @param firstSequence sequence of the first record read
 * @param lastSequence highest sequence read
 * @param headHash stored hash of the record with the highest sequence read
 * @param firstBadSequence sequence of the first problem (see {@link Status} for what it points at)
 * @param problems number of problems found (the verifier re-anchors after each one and goes on)
 * @param message one human sentence naming the first bad sequence, or summarising an intact range
 */
public record VerificationResult(
    Status status,
    Optional<String> pack,
    long recordsChecked,
    OptionalLong firstSequence,
    OptionalLong lastSequence,
    Optional<String> headHash,
    OptionalLong firstBadSequence,
    long problems,
    String message) {

  /** Kinds of verdict, in no particular order of severity. */
  public enum Status {
    /**
     * Every record hashes to its {@code hash}, links to its predecessor, and sequences are
     * contiguous.
     */
    INTACT,
    /**
     * A record's content does not hash to its stored {@code hash}: it was changed after it was
     * written.
     */
    TAMPERED,
    /**
     * Sequences jump forward: records are missing; the first bad sequence is the first missing one.
     */
    GAP,
    /** Sequence is contiguous but {@code prev_hash} differs from the previous record's hash. */
    BROKEN_LINK,
    /**
     * Sequence goes backwards or repeats; the first bad sequence is the lowest one out of place.
     */
    REORDERED,
    /**
     * A record could not be decoded; the first bad sequence is the one expected at that position.
     */
    UNREADABLE
  }

  public VerificationResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(firstSequence, "firstSequence");
    Objects.requireNonNull(lastSequence, "lastSequence");
    Objects.requireNonNull(headHash, "headHash");
    Objects.requireNonNull(firstBadSequence, "firstBadSequence");
    Objects.requireNonNull(message, "message");
  }

  /** Whether the verified range is intact. */
  public boolean intact() {
    return status == Status.INTACT;
  }
}
