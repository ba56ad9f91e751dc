package dev.palm.audit;

import java.util.List;
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
 * @param signingKeyIds the ids of the keys that signed the checkpoints, in order of first use
 * @param keyChanges each change of signing key between consecutive checkpoints, as a sentence
 * @param pinned whether signatures were judged against trusted (pinned) keys; without them a
 *     checkpoint only proves it was not changed after signing, not who signed it
 */
public record CheckpointVerification(
    Status status,
    long checkpointsChecked,
    long rangesMatched,
    long rangesUnchecked,
    OptionalLong firstBadCheckpoint,
    long problems,
    String message,
    List<String> signingKeyIds,
    List<String> keyChanges,
    boolean pinned) {

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
    signingKeyIds = List.copyOf(signingKeyIds);
    keyChanges = List.copyOf(keyChanges);
  }

  /**
   * The verdict to show: {@code VALID} only when the signing keys were pinned; {@code UNPINNED}
   * when every check passed but the keys were taken from the checkpoints themselves (which a forger
   * with write access can re-sign with a key of their own); else the problem's kind.
   */
  public String verdict() {
    return valid() && !pinned ? "UNPINNED" : status.name();
  }

  /** Whether no problem was found. */
  public boolean valid() {
    return status == Status.VALID;
  }
}
