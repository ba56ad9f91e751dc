package dev.palm.client;

import dev.palm.audit.CheckpointVerification;
import dev.palm.audit.VerificationResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a read of a pack's audit trail found: counts, the verdict on the hash chain over every
 * record read, and (for {@link AuditReader#verify}) the verdict on the checkpoints.
 *
 * @param pack the pack read
 * @param recordsRead records read from the topic, including the margins around the time range and
 *     unreadable ones
 * @param recordsMatched records in the range that passed the filters
 * @param unreadable records that could not be decoded
 * @param chain the chain verdict
 * @param checkpoints the checkpoint verdict, when checkpoints were checked
 * @param unreadableCheckpoints checkpoint records that could not be decoded
 * @param notes facts a reader of the result should know, e.g. that the range starts mid-chain
 * @param headMissing why the trail lacks its head, when the topic keeps records forever
 * @param foreign the records the checkpoints list as not written by the pipeline (left out of the
 *     chain), described by position and reason; at most {@link #FOREIGN_LISTED} of them
 * @param foreignCount how many foreign records were read in all
 * @param tail records after the last checkpoint's offsets, not yet covered by a signature
 */
public record AuditReadSummary(
    String pack,
    long recordsRead,
    long recordsMatched,
    long unreadable,
    VerificationResult chain,
    Optional<CheckpointVerification> checkpoints,
    long unreadableCheckpoints,
    List<String> notes,
    Optional<String> headMissing,
    List<String> foreign,
    long foreignCount,
    UnverifiedTail tail) {

  /** How many foreign records a summary describes one by one. */
  public static final int FOREIGN_LISTED = 20;

  /**
   * The records after the last checkpoint's {@code end_offset}: chained, but no signature covers
   * them yet (the pipeline's next checkpoint will, within its interval).
   *
   * @param records how many
   * @param oldest the broker timestamp of the oldest, when there is one
   */
  public record UnverifiedTail(long records, Optional<Instant> oldest) {
    /** No tail. */
    public static final UnverifiedTail NONE = new UnverifiedTail(0, Optional.empty());

    public UnverifiedTail {
      Objects.requireNonNull(oldest, "oldest");
    }
  }

  public AuditReadSummary {
    foreign = List.copyOf(foreign);
    Objects.requireNonNull(tail, "tail");
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(checkpoints, "checkpoints");
    notes = List.copyOf(notes);
    Objects.requireNonNull(headMissing, "headMissing");
  }

  /**
   * Whether the chain is intact, its head is there where the topic keeps records forever, and, when
   * checked, the checkpoints are valid and all readable.
   */
  public boolean intact() {
    return chain.intact() && headMissing.isEmpty() && checkpointsValid();
  }

  /**
   * Whether the checkpoints checked (if any) are valid and every checkpoint record could be
   * decoded.
   */
  public boolean checkpointsValid() {
    return unreadableCheckpoints == 0
        && checkpoints.map(CheckpointVerification::valid).orElse(true);
  }
}
