package dev.palm.client;

import dev.palm.events.OperationOutcome;
import java.util.Objects;

/**
 * Reports to {@code palm.outcomes} that an allowed operation was executed or failed, so the
 * pipeline can reconcile commitments (and flag executions that were never allowed). Thread-safe;
 * close it when done.
 */
public final class OutcomeReporter implements AutoCloseable {

  private final RecordSender<OperationOutcome> sender;

  public OutcomeReporter(ClientConfig config) {
    Objects.requireNonNull(config, "config");
    this.sender =
        new RecordSender<>(
            config, config.layout().outcomes().name(), OperationOutcome.class, "outcomes");
  }

  /**
   * Publishes an outcome and waits for the broker's acknowledgement.
   *
   * @throws org.apache.kafka.common.KafkaException when the broker did not take it
   */
  public PublishResult report(Outcome outcome) {
    return sender.send(outcome.pack(), outcome.operationId(), outcome.toAvro());
  }

  @Override
  public void close() {
    sender.close();
  }
}
