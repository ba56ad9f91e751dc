package dev.palm.streams.policy;

import dev.palm.events.AuditEventType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Something the pipeline itself did outside the policy (e.g. a topic repair at start) that must be
 * recorded in a pack's audit chain as the system's act; appended exactly once per pack and
 * {@linkplain #startId() start} by the task that owns the pack, before that task's first input of
 * the pack or at its first timer tick.
 *
 * @param pack pack whose chain records it
 * @param type event type, e.g. {@link AuditEventType#TOPIC_REPAIRED} or {@link
 *     AuditEventType#PIPELINE_STARTED}
 * @param reasonCode reason code
 * @param message one sentence for people
 * @param details further facts (sorted when recorded); {@value #START_ID} names the start the event
 *     belongs to
 */
public record SystemEvent(
    String pack,
    AuditEventType type,
    String reasonCode,
    String message,
    Map<String, String> details) {

  /**
   * Detail key of the id of the pipeline start that produced the event (one id per start of the
   * service).
   */
  public static final String START_ID = "pipeline.start_id";

  public SystemEvent {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(message, "message");
    details = details == null ? Map.of() : Map.copyOf(new TreeMap<>(details));
  }

  /**
   * The start this event belongs to: its {@value #START_ID} detail, or else an id derived from its
   * content, so that the same event given again (a re-initialised task, a restart with the same
   * options) is recognised.
   */
  public String startId() {
    String id = details.get(START_ID);
    if (id != null) {
      return id;
    }
    // TreeMap: Map.copyOf iterates in a per-JVM random order, the derived id must not
    String content = type + "\n" + reasonCode + "\n" + message + "\n" + new TreeMap<>(details);
    return "content-" + UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8));
  }

  /** The event recording a foreign record found in the pack's audit topic. */
  public static SystemEvent foreignRecord(
      String pack, String topic, int partition, long offset, String valueDigest, String reason) {
    return new SystemEvent(
        pack,
        AuditEventType.FOREIGN_RECORD,
        AuditEventType.FOREIGN_RECORD.name(),
        "foreign record in " + topic + "-" + partition + " at offset " + offset + ": " + reason,
        Map.of(
            "topic",
            topic,
            "partition",
            Integer.toString(partition),
            "offset",
            Long.toString(offset),
            "value_sha256",
            valueDigest));
  }
}
