package dev.palm.client;

import dev.palm.audit.CheckpointVerification;
import dev.palm.audit.VerificationResult;
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
    Optional<String> headMissing) {

  public AuditReadSummary {
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
