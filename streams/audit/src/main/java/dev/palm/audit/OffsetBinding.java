package dev.palm.audit;

import dev.palm.events.ForeignRecord;
import java.util.List;
import java.util.Objects;

/**
 * The stretch of the audit topic a checkpoint accounts for (docs/audit-format.md §6.2): every
 * record of {@code auditPartition} at an offset in {@code [firstOffset, endOffset)} is either one
 * of the checkpoint's sequences or listed in {@code foreign}. This is what lets a verifier tell a
 * record the pipeline wrote from one another producer appended.
 *
 * @param auditPartition partition of {@code palm.<pack>.audit} holding the chain
 * @param firstOffset first offset accounted for (inclusive)
 * @param endOffset offset after the last one accounted for (exclusive)
 * @param foreign the records in the stretch that the pipeline did not write, by offset
 */
public record OffsetBinding(
    int auditPartition, long firstOffset, long endOffset, List<ForeignRecord> foreign) {

  public OffsetBinding {
    if (auditPartition < 0 || firstOffset < 0 || endOffset < firstOffset) {
      throw new IllegalArgumentException(
          "invalid offset binding: partition "
              + auditPartition
              + ", offsets ["
              + firstOffset
              + ", "
              + endOffset
              + ")");
    }
    foreign = List.copyOf(Objects.requireNonNull(foreign, "foreign"));
    long previous = firstOffset - 1;
    for (ForeignRecord record : foreign) {
      if (record.getOffset() <= previous || record.getOffset() >= endOffset) {
        throw new IllegalArgumentException(
            "foreign record offset "
                + record.getOffset()
                + " is not increasing inside ["
                + firstOffset
                + ", "
                + endOffset
                + ")");
      }
      previous = record.getOffset();
    }
  }
}
