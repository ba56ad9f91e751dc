package dev.palm.streams.policy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * System acts found while the pipeline runs (e.g. an audit topic's retention weakened), handed from
 * a thread outside the topology to the policy tasks that record them in the packs' audit chains.
 * Each event is keyed by its {@link SystemEvent#startId()}: offering the same event again is a
 * no-op, and the policy records each id once per pack ever (as it does startup events), so a
 * watcher may offer what it finds on every check. Thread-safe.
 */
public final class RuntimeEvents {

  private final Map<String, SystemEvent> pending = new ConcurrentHashMap<>();

  /** Offers an event to be recorded in its pack's chain. */
  public void offer(SystemEvent event) {
    pending.putIfAbsent(event.pack() + "\u0000" + event.startId(), event);
  }

  /** Removes and returns the pending events of the packs {@code owned} selects. */
  List<SystemEvent> take(Predicate<String> owned) {
    List<SystemEvent> taken = new ArrayList<>();
    Iterator<SystemEvent> it = pending.values().iterator();
    while (it.hasNext()) {
      SystemEvent event = it.next();
      if (owned.test(event.pack())) {
        taken.add(event);
        it.remove();
      }
    }
    return taken;
  }
}
