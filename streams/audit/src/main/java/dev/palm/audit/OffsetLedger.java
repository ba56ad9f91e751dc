package dev.palm.audit;

import dev.palm.events.Checkpoint;
import dev.palm.events.ForeignRecord;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the offset-bound checkpoints read so far say about each audit record's place in the topic
 * (docs/audit-format.md §6.2): a record at an offset a checkpoint lists as foreign, or in another
 * partition than the chain's, is {@link Standing#FOREIGN} and must be left out of the chain; a
 * record past the last checkpoint's {@code end_offset} is in the {@link Standing#TAIL}, not yet
 * accounted for by any signature. Feed checkpoints in id order, each before the records of its
 * offset range; memory is the foreign records listed by the checkpoints not yet passed.
 *
 * <p>Not thread-safe; use one instance per pass.
 */
public final class OffsetLedger {

  /** Where a record stands. */
  public enum Standing {
    /** Before the first offset-bound checkpoint read: judged by the chain rules alone. */
    UNBOUND,
    /** Inside a checkpoint's offset range and not listed as foreign: must be one of its records. */
    ACCOUNTED,
    /**
     * Listed as foreign by a checkpoint, or outside the chain's partition: not part of the chain.
     */
    FOREIGN,
    /** After the last checkpoint's offset range: not yet covered by a signature. */
    TAIL
  }

  private int partition = -1;
  private long boundFrom = -1;
  private long end = -1;
  private final NavigableMap<Long, ForeignRecord> foreign = new TreeMap<>();

  /** Takes in one checkpoint (checkpoints that bind no offsets are ignored). */
  public void accept(Checkpoint checkpoint) {
    if (checkpoint.getFirstOffset() < 0 || checkpoint.getAuditPartition() < 0) {
      return;
    }
    if (partition < 0) {
      partition = checkpoint.getAuditPartition();
      boundFrom = checkpoint.getFirstOffset();
    }
    if (checkpoint.getAuditPartition() == partition) {
      end = Math.max(end, checkpoint.getEndOffset());
      checkpoint.getForeignRecords().forEach(f -> foreign.put(f.getOffset(), f));
    }
  }

  /** Whether an offset-bound checkpoint was read. */
  public boolean bound() {
    return partition >= 0;
  }

  /** The offset after the last one accounted for, when bound. */
  public long endOffset() {
    return end;
  }

  /**
   * Where the record at {@code offset} of {@code recordPartition} stands; call in offset order per
   * partition (entries below the offset are forgotten).
   */
  public Standing standing(int recordPartition, long offset) {
    if (partition < 0) {
      return Standing.UNBOUND;
    }
    if (recordPartition != partition) {
      return Standing.FOREIGN;
    }
    if (offset < boundFrom) {
      return Standing.UNBOUND;
    }
    foreign.headMap(offset, false).clear();
    if (foreign.containsKey(offset)) {
      return Standing.FOREIGN;
    }
    return offset >= end ? Standing.TAIL : Standing.ACCOUNTED;
  }

  /** The checkpoint's entry for a foreign offset, if one listed it. */
  public Optional<ForeignRecord> listed(long offset) {
    return Optional.ofNullable(foreign.get(offset));
  }
}
