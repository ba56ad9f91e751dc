package dev.palm.streams.policy;

import dev.palm.events.AuditEventType;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something the pipeline itself did outside the policy (e.g. a topic repair at start) that must be recorded in a
 * pack's audit chain as the system's act; appended once by the task that owns the pack, at its first timer tick.
 *
 * @param pack       pack whose chain records it
 * @param type       event type, e.g. {@link AuditEventType#TOPIC_REPAIRED} or {@link AuditEventType#PIPELINE_STARTED}
 * @param reasonCode reason code
 * @param message    one sentence for people
 * @param details    further facts (sorted when recorded)
 */
public record SystemEvent(String pack, AuditEventType type, String reasonCode, String message,
        Map<String, String> details) {

    public SystemEvent {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : Map.copyOf(new TreeMap<>(details));
    }
}
