package dev.palm.cli;

/**
 * Every exit code of the {@code palm} command line, in one place (documented in docs/cli.md and
 * docs/running.md): 0 to 6 mean the same for every command, 10 to 16 are the verdicts of {@code
 * audit verify}.
 */
public enum ExitCode {
  /** Done; for {@code audit verify}: the chain (and checkpoints) are intact. */
  OK(0),
  /**
   * A check ran and found a problem (an invalid pack, not conformant, a decision not as the pack
   * demands).
   */
  CHECK_FAILED(1),
  /** Bad flags or arguments (picocli's usage-error code): a message and a hint are printed. */
  USAGE(2),
  /**
   * An input does not exist or cannot be loaded: unknown pack, no such pending approval or hold,
   * bad file.
   */
  BAD_INPUT(3),
  /**
   * Kafka, the schema registry or the pipeline could not be reached, did not answer in time, or
   * failed.
   */
  UNAVAILABLE(4),
  /**
   * {@code --wait} ran out before a decision arrived, or the pipeline refused the answer sent (the
   * record was published).
   */
  NO_DECISION(5),
  /** The pipeline refused to start on an audit or checkpoint topic weaker than a pack demands. */
  REFUSED(6),
  /** {@code audit verify}: a record's content does not match its hash (it was altered). */
  TAMPERED(10),
  /** {@code audit verify}: sequence numbers jump: records are missing. */
  GAP(11),
  /** {@code audit verify}: a record does not link to its predecessor's hash (one was replaced). */
  BROKEN_LINK(12),
  /** {@code audit verify}: sequence numbers go backwards or repeat. */
  REORDERED(13),
  /** {@code audit verify}: a record cannot be decoded. */
  UNREADABLE(14),
  /**
   * {@code audit verify}: the chain is intact but a checkpoint's signature, chaining or range is
   * wrong.
   */
  CHECKPOINT_INVALID(15),
  /**
   * {@code audit verify}: the chain read is intact, but the topic keeps records forever and the
   * trail does not start at sequence 0: its head was deleted.
   */
  HEAD_MISSING(16),
  /** An unexpected failure: a bug, or an environment problem nothing else names. */
  INTERNAL(70),
  /** Interrupted with Ctrl-C (128 + SIGINT, as a shell expects). */
  INTERRUPTED(130);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }
}
