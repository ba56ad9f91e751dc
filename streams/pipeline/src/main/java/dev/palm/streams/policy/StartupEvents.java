package dev.palm.streams.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The startup events one task still has to record, by pack, and the rule that records each start's
 * events exactly once: at the first moment the task can (before the pack's first input or at the
 * first timer tick), marking the start in {@value PolicyStores#STARTUP_AUDIT} in the same
 * transaction as the records.
 */
final class StartupEvents {

  private final Map<String, List<SystemEvent>> pending = new LinkedHashMap<>();
  private final KeyValueStore<String, AuditIndex> recorded;
  private final PolicyEngine engine;
  private final KeyringAudit keyring;

  /**
   * @param events the events this task must record (only those of the packs it owns)
   * @param recorded the {@value PolicyStores#STARTUP_AUDIT} store
   * @param engine appends the records
   * @param keyring records the changes of the packs' trusted keys with each start's events
   */
  StartupEvents(
      List<SystemEvent> events,
      KeyValueStore<String, AuditIndex> recorded,
      PolicyEngine engine,
      KeyringAudit keyring) {
    this.keyring = keyring;
    events.forEach(e -> pending.computeIfAbsent(e.pack(), p -> new ArrayList<>()).add(e));
    this.recorded = recorded;
    this.engine = engine;
  }

  /** Adds an event found while running (recorded once per pack and id, like a start's events). */
  void add(SystemEvent event) {
    pending.computeIfAbsent(event.pack(), p -> new ArrayList<>()).add(event);
  }

  /**
   * Packs that may still have unrecorded events in this task, in the order the events were given.
   */
  List<String> pendingPacks() {
    return List.copyOf(pending.keySet());
  }

  /** Whether {@code pack} may still have unrecorded events in this task. */
  boolean isPending(String pack) {
    return pending.containsKey(pack);
  }

  /** The events of {@code pack} not known to be recorded (empty when none). */
  List<SystemEvent> pendingOf(String pack) {
    return List.copyOf(pending.getOrDefault(pack, List.of()));
  }

  /**
   * Appends, in {@code tx}, the pack's events of every start not recorded yet and marks those
   * starts; once {@code tx} commits, the pack has nothing pending in this task. Does nothing when
   * nothing is pending.
   */
  void appendPending(Transaction tx, PackRuntime rt, long now) {
    List<SystemEvent> events = pending.get(rt.name());
    if (events == null) {
      return;
    }
    Map<String, List<SystemEvent>> byStart = new LinkedHashMap<>();
    events.forEach(e -> byStart.computeIfAbsent(e.startId(), id -> new ArrayList<>()).add(e));
    byStart.forEach(
        (startId, ofStart) -> {
          String key = StoreKeys.of(rt.name(), startId);
          if (tx.get(recorded, key).isPresent()) {
            // recorded by an earlier incarnation of this task (a rebalance, an instance with the
            // same options)
            return;
          }
          AuditIndex sequences = AuditIndex.EMPTY;
          for (SystemEvent event : ofStart) {
            sequences = sequences.with(engine.recordSystemEvent(tx, rt, event, now).getSequence());
          }
          keyring.record(tx, rt, now);
          tx.put(recorded, key, sequences);
        });
    tx.afterCommit(() -> pending.remove(rt.name()));
  }

  /**
   * Gives up on the pack's events once they failed and went to the dead-letter topic, so they fail
   * only once.
   */
  void abandon(String pack) {
    pending.remove(pack);
  }
}
