package dev.palm.client;

import dev.palm.events.AuditRecord;
import dev.palm.events.DecisionKind;
import dev.palm.events.PolicyDecision;
import dev.palm.events.SourcePosition;
import dev.palm.wire.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits for what the pipeline made of an answer it was sent (an approval answer, a hold release or
 * cancellation): the decision about its operation that follows it, or the audit record that refuses
 * it (docs/decisions.md: a refused answer is audited with the detail {@code refused} and the
 * answer's Kafka position as its source, and changes nothing). So a caller learns of a refusal at
 * once instead of waiting for a decision that will not come.
 */
public final class AnswerWatch {

  private static final Duration POLL = Duration.ofMillis(100);

  private final ClientConfig config;

  public AnswerWatch(ClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** What became of the answer. */
  public sealed interface Outcome permits Decided, Refused, NoOutcome {}

  /**
   * A decision about the answer's operation followed it.
   *
   * @param decision the decision
   */
  public record Decided(PolicyDecision decision) implements Outcome {}

  /**
   * The pipeline refused the answer.
   *
   * @param record the audit record of the refusal (reason codes and messages say why)
   */
  public record Refused(AuditRecord record) implements Outcome {}

  /** Neither arrived in time. */
  public record NoOutcome() implements Outcome {}

  /**
   * Where to start reading: the ends of the pack's decisions and audit topics, taken before the
   * answer is published.
   *
   * @param decisions end of the decisions topic
   * @param audit end of the audit topic
   */
  public record Marks(StartPosition decisions, StartPosition audit) {}

  /**
   * The current ends of the pack's decisions and audit topics.
   *
   * @throws UnknownPackException when the pack has no such topics
   */
  public Marks mark(String pack) {
    return new Marks(
        end(config.layout().decisions(pack), "decisions-end"),
        end(config.layout().audit(pack), "audit-end"));
  }

  /**
   * Waits up to {@code timeout} for the first decision (not an alert) about {@code
   * answer.operationId()} or the refusal of {@code answer}, whichever is read first.
   */
  public Outcome await(String pack, PublishResult answer, Marks from, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (TopicReader<PolicyDecision> decisions =
            TopicReader.open(config, config.layout().decisions(pack), from.decisions(), "answer");
        TopicReader<AuditRecord> audit =
            TopicReader.open(config, config.layout().audit(pack), from.audit(), "answer-audit")) {
      while (true) {
        for (TopicReader.Item<PolicyDecision> item : decisions.poll(POLL)) {
          if (item instanceof TopicReader.Value<PolicyDecision> v
              && answer.operationId().equals(v.value().getOperationId())
              && v.value().getKind() == DecisionKind.DECISION) {
            return new Decided(v.value());
          }
        }
        for (TopicReader.Item<AuditRecord> item : audit.poll(POLL)) {
          if (item instanceof TopicReader.Value<AuditRecord> v && refuses(v.value(), answer)) {
            return new Refused(v.value());
          }
        }
        if (System.nanoTime() >= deadline) {
          return new NoOutcome();
        }
      }
    }
  }

  /**
   * Waits up to {@code timeout} for the audit record the pipeline wrote about the input published
   * at {@code input} (for inputs that get no decision, e.g. standing approvals).
   */
  public java.util.Optional<AuditRecord> awaitRecordOf(
      String pack, PublishResult input, Marks from, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (TopicReader<AuditRecord> audit =
        TopicReader.open(config, config.layout().audit(pack), from.audit(), "input-audit")) {
      while (true) {
        for (TopicReader.Item<AuditRecord> item : audit.poll(POLL)) {
          if (item instanceof TopicReader.Value<AuditRecord> v && causedBy(v.value(), input)) {
            return java.util.Optional.of(v.value());
          }
        }
        if (System.nanoTime() >= deadline) {
          return java.util.Optional.empty();
        }
      }
    }
  }

  private static boolean causedBy(AuditRecord record, PublishResult input) {
    SourcePosition source = record.getSource();
    return source != null
        && source.getTopic().equals(input.topic())
        && source.getPartition() == input.partition()
        && source.getOffset() == input.offset();
  }

  /** Whether {@code record} is the pipeline's refusal of the answer published at {@code answer}. */
  static boolean refuses(AuditRecord record, PublishResult answer) {
    return causedBy(record, answer) && isRefusal(record);
  }

  /** Whether {@code record} records a refused input (it carries the detail {@code refused}). */
  public static boolean isRefusal(AuditRecord record) {
    return record.getDetails().stream()
        .anyMatch(d -> d.getKey().equals("refused") && "true".equals(d.getValue()));
  }

  private <V extends SpecificRecord> StartPosition end(TopicSpec<String, V> spec, String purpose) {
    try (Consumer<byte[], byte[]> consumer = KafkaClients.rawConsumer(config, purpose)) {
      List<TopicPartition> partitions = PackTopics.requirePartitions(consumer, config, spec);
      consumer.assign(partitions);
      Map<Integer, Long> offsets = new HashMap<>();
      consumer
          .endOffsets(partitions, config.apiTimeout())
          .forEach((tp, offset) -> offsets.put(tp.partition(), offset));
      return StartPosition.offsets(offsets);
    }
  }
}
