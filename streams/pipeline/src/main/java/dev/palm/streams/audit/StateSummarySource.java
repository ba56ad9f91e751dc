package dev.palm.streams.audit;

import dev.palm.events.AuditDetail;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Supplies the {@code state_summary} of a pack's checkpoint (e.g. pending approvals, active holds),
 * typically read from the pipeline's state stores, which must then be connected to the checkpoint
 * processor.
 */
@FunctionalInterface
public interface StateSummarySource {

  /** Facts about the pack's current state; keys must be unique (they are sorted when signed). */
  List<AuditDetail> summarize(String pack);

  /** Called from the processor's {@code init}, e.g. to look up state stores. */
  default void init(ProcessorContext<?, ?> context) {
    // Stateless sources need nothing.
  }

  /** A source that contributes no facts. */
  static StateSummarySource none() {
    return pack -> List.of();
  }
}
