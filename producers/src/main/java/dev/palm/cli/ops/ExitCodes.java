package dev.palm.cli.ops;

/**
 * Exit codes of the operational commands ({@code publish}, {@code decisions}, {@code approvals}, {@code holds},
 * {@code outcomes}, {@code audit}); documented in {@code docs/cli.md}. Codes 0 to 3 mean what they mean for
 * every {@code palm} command.
 */
public final class ExitCodes {

  /** Done; for {@code audit verify}: the chain (and checkpoints) are intact. */
  public static final int OK = 0;
  /** Bad flags or arguments: a message and the usage are printed. */
  public static final int USAGE = 2;
  /** An input does not exist: unknown pack, no such pending approval or hold, unreadable file. */
  public static final int BAD_INPUT = 3;
  /** Kafka or the schema registry could not be reached, or did not answer in time. */
  public static final int UNAVAILABLE = 4;
  /** {@code --wait} ran out before a decision arrived (the record was published). */
  public static final int NO_DECISION = 5;

  /** {@code audit verify}: a record's content does not match its hash (it was altered). */
  public static final int TAMPERED = 10;
  /** {@code audit verify}: sequence numbers jump: records are missing. */
  public static final int GAP = 11;
  /** {@code audit verify}: a record does not link to its predecessor's hash (one was replaced). */
  public static final int BROKEN_LINK = 12;
  /** {@code audit verify}: sequence numbers go backwards or repeat. */
  public static final int REORDERED = 13;
  /** {@code audit verify}: a record cannot be decoded. */
  public static final int UNREADABLE = 14;
  /** {@code audit verify}: the chain is intact but a checkpoint's signature, chaining or range is wrong. */
  public static final int CHECKPOINT_INVALID = 15;

  private ExitCodes() {}
}
