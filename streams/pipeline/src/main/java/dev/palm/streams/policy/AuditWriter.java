package dev.palm.streams.policy;

import dev.palm.audit.ChainHead;
import dev.palm.events.AuditRecord;
import java.util.List;

/**
 * Appends audit records to a pack's chain inside the current {@link Transaction}: reads and
 * advances the chain head, indexes the record by operation and deployment, and queues it for the
 * pack's audit topic. Because the record is written in the same transaction as the decision, both
 * are committed together or not at all.
 */
final class AuditWriter {

  private final PolicyStores stores;
  private final List<String> listeners;

  /**
   * @param stores the policy stores
   * @param listeners child nodes that receive every appended record too (keyed by pack), e.g. the
   *     checkpoints
   */
  AuditWriter(PolicyStores stores, List<String> listeners) {
    this.stores = stores;
    this.listeners = List.copyOf(listeners);
  }

  /** Chains {@code entry} as the pack's next record and returns it. */
  AuditRecord append(Transaction tx, PackRuntime rt, AuditDraft entry, long now) {
    ChainHead head = tx.get(stores.chainHeads(), rt.name()).orElseGet(() -> rt.chain().genesis());
    AuditRecord record = rt.chain().append(head, entry.draft(rt, now));
    tx.put(stores.chainHeads(), rt.name(), head.next(record));
    if (entry.operationId() != null) {
      index(tx, StoreKeys.of(rt.name(), entry.operationId()), record.getSequence());
    }
    if (entry.deploymentId() != null) {
      // one index entry per input, not per record: an allowed operation records its decision and
      // the deployment's change, and each entry is a changelog record (docs/benchmarks.md)
      var store = stores.deploymentAudit();
      var indexed =
          tx.indexEntry(store, StoreKeys.of(rt.name(), entry.deploymentId()), record.getSequence());
      tx.put(
          store,
          indexed.getKey(),
          indexed.getValue().orElse(AuditIndex.EMPTY).with(record.getSequence()));
    }
    tx.forward(rt.auditSink(), rt.name(), record);
    listeners.forEach(child -> tx.forward(child, rt.name(), record));
    return record;
  }

  /** An operation has a handful of records, so its index is one bounded value. */
  private void index(Transaction tx, String key, long sequence) {
    var store = stores.operationAudit();
    tx.put(store, key, tx.get(store, key).orElse(AuditIndex.EMPTY).with(sequence));
  }
}
