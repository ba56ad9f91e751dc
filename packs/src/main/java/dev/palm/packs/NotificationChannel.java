package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link NotificationChannel}; every field starts from the value it was created from.
   */
  public static final class Builder {
    private String name;
    private ChannelType channelType;
    private String endpoint;
    private Severity minSeverity;

    private Builder(NotificationChannel from) {
      this.name = from.name();
      this.channelType = from.channelType();
      this.endpoint = from.endpoint();
      this.minSeverity = from.minSeverity();
    }

    /** Sets {@code name}: the channel's name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code channel_type}: the kind of channel. */
    public Builder channelType(ChannelType channelType) {
      this.channelType = channelType;
      return this;
    }

    /** Sets {@code endpoint}: the address (URL, e-mail, ...). */
    public Builder endpoint(String endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** Sets {@code min_severity}: the lowest severity sent to the channel. */
    public Builder minSeverity(Severity minSeverity) {
      this.minSeverity = minSeverity;
      return this;
    }

    /** Creates the record. */
    public NotificationChannel build() {
      return new NotificationChannel(name, channelType, endpoint, minSeverity);
    }
  }
}
