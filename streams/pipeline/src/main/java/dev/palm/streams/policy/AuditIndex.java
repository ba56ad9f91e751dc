package dev.palm.streams.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Audit sequences that concern one operation, one deployment or one start of the pipeline, in
 * order; value of the {@code palm-operation-audit}, {@code palm-deployment-audit} and {@code
 * palm-startup-audit} stores.
 *
 * @param sequences audit record sequences, ascending
 */
public record AuditIndex(List<Long> sequences) {

  /** No records. */
  public static final AuditIndex EMPTY = new AuditIndex(List.of());

  public AuditIndex {
    sequences = sequences == null ? List.of() : List.copyOf(sequences);
  }

  /** This index with {@code sequence} appended. */
  public AuditIndex with(long sequence) {
    List<Long> all = new ArrayList<>(sequences);
    all.add(sequence);
    return new AuditIndex(all);
  }
}
