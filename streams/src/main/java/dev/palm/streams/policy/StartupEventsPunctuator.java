package dev.palm.streams.policy;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.Punctuator;

/**
 * One-shot wall-clock punctuator that records the pipeline's startup events at the first tick after the task
 * started (records cannot be forwarded from {@code init}), then cancels itself.
 */
final class StartupEventsPunctuator implements Punctuator {

    private final List<SystemEvent> events;
    private final Consumer<SystemEvent> record;
    private Cancellable schedule;
    private boolean done;

    /**
     * @param events the events this task must record (only those of the packs it owns)
     * @param record records one event
     */
    StartupEventsPunctuator(List<SystemEvent> events, Consumer<SystemEvent> record) {
        this.events = List.copyOf(events);
        this.record = Objects.requireNonNull(record, "record");
    }

    /** Gives the punctuator its schedule so it can cancel it after the first tick. */
    void scheduledAs(Cancellable cancellable) {
        this.schedule = cancellable;
    }

    @Override
    public void punctuate(long timestamp) {
        if (!done) {
            done = true;
            events.forEach(record);
        }
        if (schedule != null) {
            schedule.cancel();
        }
    }
}
