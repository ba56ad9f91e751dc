package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;

/**
 * A channel notifications are sent to, with the lowest severity it receives.
 *
 * <p>Defaults follow docs/pack-contract.md §2.8 (the original has no defaults for this struct;
 * severity defaults to warning as the enum does); in a pack file the fields are spelled in
 * snake_case.
 *
 * @param name the channel's name (file: {@code name}; default {@code ""})
 * @param channelType the kind of channel (file: {@code channel_type}; default {@code
 *     ChannelType.WEBHOOK})
 * @param endpoint the address (URL, e-mail, ...) (file: {@code endpoint}; default {@code ""})
 * @param minSeverity the lowest severity sent to the channel (file: {@code min_severity}; default
 *     {@code Severity.WARNING})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record NotificationChannel(
    String name, ChannelType channelType, String endpoint, Severity minSeverity) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public NotificationChannel {
    Objects.requireNonNull(name, "NotificationChannel.name" + " must not be null");
    Objects.requireNonNull(channelType, "NotificationChannel.channel_type" + " must not be null");
    Objects.requireNonNull(endpoint, "NotificationChannel.endpoint" + " must not be null");
    Objects.requireNonNull(minSeverity, "NotificationChannel.min_severity" + " must not be null");
  }

  /**
   * Returns the documented defaults (docs/pack-contract.md §2.8 (the original has no defaults for
   * this struct; severity defaults to warning as the enum does)).
   */
  public static NotificationChannel defaults() {
    return new NotificationChannel("", ChannelType.WEBHOOK, "", Severity.WARNING);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static NotificationChannelBuilder builder() {
    return NotificationChannelBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public NotificationChannelBuilder toBuilder() {
    return NotificationChannelBuilder.builder(this);
  }
}
