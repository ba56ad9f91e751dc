package dev.palm.streams.policy;

import dev.palm.events.AuditDetail;
import dev.palm.streams.audit.StateSummarySource;
import dev.palm.streams.deployments.PackTotals;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The {@code state_summary} of a pack's checkpoints, read from the policy stores: deployments,
 * instances, pending approvals and active holds. The stores must be connected to the checkpoint
 * processor.
 */
public final class PolicyStateSummary implements StateSummarySource {

  private KeyValueStore<String, PackTotals> totals;
  private KeyValueStore<String, ?> approvals;
  private KeyValueStore<String, ?> holds;

  /** The policy stores this source reads; connect them to the processor that uses it. */
  public static List<String> storeNames() {
    return List.of(PolicyStores.PACK_TOTALS, PolicyStores.APPROVALS, PolicyStores.HOLDS);
  }

  @Override
  public void init(ProcessorContext<?, ?> context) {
    totals = context.getStateStore(PolicyStores.PACK_TOTALS);
    approvals = context.getStateStore(PolicyStores.APPROVALS);
    holds = context.getStateStore(PolicyStores.HOLDS);
  }

  @Override
  public List<AuditDetail> summarize(String pack) {
    PackTotals t = totals.get(pack);
    PackTotals sums = t == null ? PackTotals.EMPTY : t;
    return List.of(
        new AuditDetail("active_holds", Long.toString(count(holds, pack))),
        new AuditDetail("deployments", Integer.toString(sums.deployments())),
        new AuditDetail("instances", Long.toString(sums.instances())),
        new AuditDetail("pending_approvals", Long.toString(count(approvals, pack))));
  }

  private static long count(KeyValueStore<String, ?> store, String pack) {
    long n = 0;
    try (KeyValueIterator<String, ?> it =
        store.prefixScan(StoreKeys.prefix(pack), new StringSerializer())) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }
}
