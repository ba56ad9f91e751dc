package dev.palm.streams.approvals;

import dev.palm.packs.EscalationLevel;
import dev.palm.streams.operations.DueHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Wall-clock punctuator that escalates pending approval requests along the pack's enabled {@code
 * recovery.escalation.levels}: a level is reached {@code trigger_after_secs} after the request was
 * opened (the boundary included). Levels are reached in ascending {@code level} order, each once; a
 * request that has expired is left to {@link ApprovalTimeoutPunctuator}.
 */
public final class EscalationPunctuator implements Punctuator {

  /**
   * One level a pending request has reached.
   *
   * @param approval the request before the escalation
   * @param level the level reached
   */
  public record Escalation(OpenApproval approval, EscalationLevel level) {}

  private final KeyValueStore<String, OpenApproval> approvals;
  private final Map<String, List<EscalationLevel>> levelsByPack;
  private final DueHandler<Escalation> escalate;

  /**
   * @param approvals the pending-approvals store
   * @param levelsByPack each pack's escalation levels (empty or absent when its escalation is
   *     disabled)
   * @param escalate called for each level reached, lowest first
   */
  public EscalationPunctuator(
      KeyValueStore<String, OpenApproval> approvals,
      Map<String, List<EscalationLevel>> levelsByPack,
      DueHandler<Escalation> escalate) {
    this.approvals = Objects.requireNonNull(approvals, "approvals");
    Map<String, List<EscalationLevel>> sorted = new java.util.HashMap<>();
    levelsByPack.forEach(
        (pack, levels) ->
            sorted.put(
                pack,
                levels.stream().sorted(Comparator.comparingInt(EscalationLevel::level)).toList()));
    this.levelsByPack = Map.copyOf(sorted);
    this.escalate = Objects.requireNonNull(escalate, "escalate");
  }

  /**
   * The levels {@code approval} reaches at {@code now} and has not reached before, lowest first.
   */
  public List<EscalationLevel> dueLevels(OpenApproval approval, long now) {
    if (approval.expiredAt(now)) {
      return List.of();
    }
    return levelsByPack.getOrDefault(approval.pack(), List.of()).stream()
        .filter(l -> l.level() > approval.escalationLevel())
        .filter(l -> now >= approval.requestedAt() + l.triggerAfterSecs() * 1000L)
        .toList();
  }

  @Override
  public void punctuate(long now) {
    List<KeyValue<String, OpenApproval>> pending = new ArrayList<>();
    try (KeyValueIterator<String, OpenApproval> it = approvals.all()) {
      it.forEachRemaining(pending::add);
    }
    for (KeyValue<String, OpenApproval> kv : pending) {
      for (EscalationLevel level : dueLevels(kv.value, now)) {
        // The handler re-reads the stored request, so each level builds on the previous escalation.
        escalate.handle(kv.key, new Escalation(kv.value, level), now);
      }
    }
  }
}
