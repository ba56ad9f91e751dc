package dev.palm.client;

import dev.palm.events.OperationRequested;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes operations to {@code palm.operations} for the pipeline to decide on: an idempotent
 * producer with {@code acks=all}, keyed by pack so each pack's operations stay in order.
 * Thread-safe; close it when done.
 */
public final class OperationPublisher implements AutoCloseable {

  private final ClientConfig config;
  private final RecordSender<OperationRequested> sender;

  public OperationPublisher(ClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.sender =
        new RecordSender<>(
            config, config.layout().operations().name(), OperationRequested.class, "operations");
  }

  /**
   * Publishes an operation and waits for the broker's acknowledgement.
   *
   * @return where the record landed, with the operation id (filled by the builder when not given)
   * @throws org.apache.kafka.common.KafkaException when the broker did not take it
   */
  public PublishResult publish(Operation operation) {
    return sender.send(operation.pack(), operation.operationId(), operation.toAvro());
  }

  /**
   * Publishes without blocking; the future completes with the record's position once acknowledged.
   */
  public CompletableFuture<PublishResult> publishAsync(Operation operation) {
    return sender.sendAsync(operation.pack(), operation.operationId(), operation.toAvro());
  }

  /**
   * Publishes an operation and waits up to {@code timeout} for its first decision in one call. The
   * wait starts at the end of the decisions topic as it was before publishing, so the decision
   * cannot be missed and older decisions are not scanned.
   *
   * @throws UnknownPackException when the pack has no decisions topic (nothing is published then)
   */
  public PublishedOperation publishAndWait(Operation operation, Duration timeout) {
    DecisionSubscriber subscriber = new DecisionSubscriber(config);
    StartPosition before = subscriber.currentEnd(operation.pack());
    PublishResult published = publish(operation);
    return new PublishedOperation(
        published,
        subscriber.awaitDecision(operation.pack(), operation.operationId(), before, timeout));
  }

  /** Waits until every record published so far is acknowledged. */
  public void flush() {
    sender.flush();
  }

  @Override
  public void close() {
    sender.close();
  }
}
