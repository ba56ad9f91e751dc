package dev.palm.audit;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Outcome of checking a pack's checkpoints with {@link CheckpointVerifier}.
 *
 * @param status verdict: the kind of the first problem found, or {@link Status#VALID}
 * @param checkpointsChecked checkpoints fed to the verifier
 * @param rangesMatched checkpoints whose range was fully read and matched head hash and Merkle root
 * @param rangesUnchecked checkpoints whose range was not (fully) among the records read, so not
 *     matched
 * @param firstBadCheckpoint id of the checkpoint with the first problem
 * @param problems number of problems found
 * @param message one human sentence naming the first bad checkpoint, or summarising
 */
public record CheckpointVerification(
    Status status,
    long checkpointsChecked,
    long rangesMatched,
    long rangesUnchecked,
    OptionalLong firstBadCheckpoint,
    long problems,
    String message) {

  /** Kinds of verdict. */
  public enum Status {
    /** Every signature verifies, the checkpoints chain, and every fully read range matches. */
    VALID,
    /**
     * A signature does not verify against the checkpoint's own public key, or the key id is wrong.
     */
    BAD_SIGNATURE,
    /** A checkpoint was signed by a key that is not among the trusted keys. */
    UNTRUSTED_KEY,
    /**
     * Checkpoint ids, {@code prev_signature} or covered ranges do not follow on from the previous
     * one.
     */
    BROKEN_CHAIN,
    /** The audit records of a checkpoint's range do not give its head hash or Merkle root. */
    RANGE_MISMATCH
  }

  public CheckpointVerification {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(firstBadCheckpoint, "firstBadCheckpoint");
    Objects.requireNonNull(message, "message");
  }

  /** Whether no problem was found. */
  public boolean valid() {
    return status == Status.VALID;
  }
}
