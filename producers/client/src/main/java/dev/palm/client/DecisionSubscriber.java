package dev.palm.client;

import dev.palm.events.Decision;
import dev.palm.events.DecisionKind;
import dev.palm.events.PolicyDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows a pack's {@code palm.<pack>.decisions} topic: from now, from a time, or up to the
 * decision of one operation with a timeout. Reads only committed records and assigns partitions (no
 * consumer group).
 */
public final class DecisionSubscriber {

  private static final Duration POLL = Duration.ofMillis(200);

  private final ClientConfig config;

  public DecisionSubscriber(ClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Opens a feed of the pack's decisions from {@code from}.
   *
   * @throws UnknownPackException when the pack has no decisions topic
   */
  public DecisionFeed open(String pack, StartPosition from) {
    return new DecisionFeed(
        TopicReader.open(config, config.layout().decisions(pack), from, "decisions"));
  }

  /**
   * The decisions published between {@code from} and now, in the order of the topic.
   *
   * @throws UnknownPackException when the pack has no decisions topic
   */
  public List<PolicyDecision> read(String pack, StartPosition from) {
    List<PolicyDecision> decisions = new ArrayList<>();
    try (TopicReader<PolicyDecision> reader =
        TopicReader.open(config, config.layout().decisions(pack), from, "decisions")) {
      reader.readToSnapshotEnd(
          item -> {
            if (item instanceof TopicReader.Value<PolicyDecision> value) {
              decisions.add(value.value());
            }
            return true;
          });
    }
    return List.copyOf(decisions);
  }

  /**
   * The current end of the pack's decisions topic, to start a wait from before publishing, so that
   * a decision published right after cannot be missed and older ones are not scanned.
   */
  public StartPosition currentEnd(String pack) {
    try (Consumer<byte[], byte[]> consumer = KafkaClients.rawConsumer(config, "decisions-end")) {
      List<TopicPartition> partitions =
          PackTopics.requirePartitions(consumer, config, config.layout().decisions(pack));
      consumer.assign(partitions);
      Map<Integer, Long> offsets = new HashMap<>();
      consumer
          .endOffsets(partitions, config.apiTimeout())
          .forEach((tp, offset) -> offsets.put(tp.partition(), offset));
      return StartPosition.offsets(offsets);
    }
  }

  /**
   * Waits for the first decision (not an alert) about an operation, looking at every retained
   * decision of the pack and then at new ones until {@code timeout}. The first decision may be
   * {@code PENDING_APPROVAL} or {@code HELD}; see {@link #awaitFinalDecision} for the settled one.
   *
   * @return the decision, or empty when none arrived in time
   */
  public Optional<PolicyDecision> awaitDecision(String pack, String operationId, Duration timeout) {
    return awaitDecision(pack, operationId, StartPosition.beginning(), timeout, d -> true);
  }

  /** Like {@link #awaitDecision(String, String, Duration)}, reading from {@code from}. */
  public Optional<PolicyDecision> awaitDecision(
      String pack, String operationId, StartPosition from, Duration timeout) {
    return awaitDecision(pack, operationId, from, timeout, d -> true);
  }

  /**
   * Waits for a settled decision ({@code ALLOWED} or {@code DENIED}) about an operation, skipping
   * {@code PENDING_APPROVAL} and {@code HELD}.
   */
  public Optional<PolicyDecision> awaitFinalDecision(
      String pack, String operationId, StartPosition from, Duration timeout) {
    return awaitDecision(pack, operationId, from, timeout, DecisionSubscriber::isFinal);
  }

  /**
   * Waits for the first decision about {@code operationId} (kind {@code DECISION}, not an alert)
   * read from {@code from} that {@code wanted} accepts.
   *
   * @return the decision, or empty when none arrived within {@code timeout}
   * @throws UnknownPackException when the pack has no decisions topic
   */
  public Optional<PolicyDecision> awaitDecision(
      String pack,
      String operationId,
      StartPosition from,
      Duration timeout,
      Predicate<PolicyDecision> wanted) {
    Objects.requireNonNull(operationId, "operationId");
    long deadline = System.nanoTime() + timeout.toNanos();
    try (DecisionFeed feed = open(pack, from)) {
      while (true) {
        long left = deadline - System.nanoTime();
        Duration wait =
            left <= 0 ? Duration.ZERO : Duration.ofNanos(Math.min(left, POLL.toNanos()));
        for (DecisionFeed.Entry entry : feed.poll(wait)) {
          if (entry instanceof DecisionFeed.Received received) {
            PolicyDecision decision = received.decision();
            if (operationId.equals(decision.getOperationId())
                && decision.getKind() == DecisionKind.DECISION
                && wanted.test(decision)) {
              return Optional.of(decision);
            }
          }
        }
        if (left <= 0) {
          return Optional.empty();
        }
      }
    }
  }

  /** Whether a decision settles its operation ({@code ALLOWED} or {@code DENIED}). */
  public static boolean isFinal(PolicyDecision decision) {
    return decision.getDecision() == Decision.ALLOWED || decision.getDecision() == Decision.DENIED;
  }
}
