package dev.palm.client;

import dev.palm.events.PolicyDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An open subscription to one pack's decisions topic, polled by the caller; close it when done.
 * Created by {@link DecisionSubscriber#open}.
 */
public final class DecisionFeed implements AutoCloseable {

  /** One record of the decisions topic. */
  public sealed interface Entry {
    /** {@code topic-partition@offset} of the record. */
    String position();
  }

  /**
   * A decision (or alert) as published.
   *
   * @param decision the decision
   * @param position where it was read
   * @param timestamp the record's Kafka timestamp
   */
  public record Received(PolicyDecision decision, String position, Instant timestamp)
      implements Entry {
    public Received {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(position, "position");
      Objects.requireNonNull(timestamp, "timestamp");
    }
  }

  /**
   * A record that could not be decoded as a {@link PolicyDecision}.
   *
   * @param position where it was read
   * @param reason why it could not be decoded
   */
  public record Unreadable(String position, String reason) implements Entry {
    public Unreadable {
      Objects.requireNonNull(position, "position");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final TopicReader<PolicyDecision> reader;

  DecisionFeed(TopicReader<PolicyDecision> reader) {
    this.reader = reader;
  }

  /** The decisions topic read. */
  public String topic() {
    return reader.topic();
  }

  /** The records that arrived, waiting at most {@code timeout} for the first. */
  public List<Entry> poll(Duration timeout) {
    List<Entry> entries = new ArrayList<>();
    for (TopicReader.Item<PolicyDecision> item : reader.poll(timeout)) {
      if (item instanceof TopicReader.Value<PolicyDecision> value) {
        entries.add(new Received(value.value(), value.position(), value.timestamp()));
      } else if (item instanceof TopicReader.Unreadable<PolicyDecision> bad) {
        entries.add(new Unreadable(bad.position(), bad.reason()));
      }
    }
    return List.copyOf(entries);
  }

  /** Whether everything that was on the topic when the feed was opened has been read. */
  public boolean caughtUp() {
    return reader.atSnapshotEnd();
  }

  /** Records between the start and the end at the time of opening (for progress display). */
  public long backlog() {
    return reader.recordsToSnapshotEnd();
  }

  @Override
  public void close() {
    reader.close();
  }
}
