package dev.palm.streams.topics;

import java.util.Objects;

/**
 * A setting of an existing topic that is weaker than (or different from) what the loaded packs
 * require.
 *
 * @param topic the topic name
 * @param setting the topic config key, e.g. {@code cleanup.policy}
 * @param found the value the topic has now
 * @param required the value the packs require
 * @param blocking whether the pipeline must refuse to start (audit and checkpoint retention and
 *     cleanup) or only warn
 */
public record TopicSettingMismatch(
    String topic, String setting, String found, String required, boolean blocking) {

  /** Validates the components. */
  public TopicSettingMismatch {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(found, "found");
    Objects.requireNonNull(required, "required");
  }

  /** One line for logs and error messages: topic, setting, found and required value. */
  public String describe() {
    return "topic " + topic + ": " + setting + " is " + found + ", required " + required;
  }
}
