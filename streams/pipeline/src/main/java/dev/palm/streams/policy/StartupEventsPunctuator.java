package dev.palm.streams.policy;

import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.Punctuator;

/**
 * Wall-clock punctuator that records the startup events still pending at each tick (records cannot
 * be forwarded from {@code init}, and a pack may get no input for a long time), and cancels itself
 * once none are pending.
 */
final class StartupEventsPunctuator implements Punctuator {

  private final StartupEvents events;
  private final Consumer<String> recordPack;
  private Cancellable schedule;

  /**
   * @param events the task's startup events
   * @param recordPack records the pending events of one pack
   */
  StartupEventsPunctuator(StartupEvents events, Consumer<String> recordPack) {
    this.events = Objects.requireNonNull(events, "events");
    this.recordPack = Objects.requireNonNull(recordPack, "recordPack");
  }

  /** Gives the punctuator its schedule so it can cancel it once nothing is pending. */
  void scheduledAs(Cancellable cancellable) {
    this.schedule = cancellable;
  }

  @Override
  public void punctuate(long timestamp) {
    events.pendingPacks().forEach(recordPack);
    if (events.pendingPacks().isEmpty() && schedule != null) {
      schedule.cancel();
    }
  }
}
