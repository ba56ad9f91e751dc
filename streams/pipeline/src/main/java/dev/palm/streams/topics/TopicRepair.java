package dev.palm.streams.topics;

import java.util.Objects;

/**
 * One setting of an existing topic that the provisioner changed in {@code --repair} mode, so the
 * pipeline can write a {@code TOPIC_REPAIRED} audit record for it.
 *
 * @param topic the topic name
 * @param setting the topic config key, e.g. {@code retention.ms}
 * @param before the value found on the topic
 * @param after the value written
 */
public record TopicRepair(String topic, String setting, String before, String after) {

  /** Validates the components. */
  public TopicRepair {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  @Override
  public String toString() {
    return topic + ": " + setting + " " + before + " -> " + after;
  }
}
