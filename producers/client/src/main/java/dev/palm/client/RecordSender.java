package dev.palm.client;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Sends one kind of PALM input event keyed by pack and reports where it landed; shared by the
 * clients.
 */
final class RecordSender<V extends SpecificRecord> implements AutoCloseable {

  private final KafkaProducer<String, V> producer;
  private final String topic;

  RecordSender(ClientConfig config, String topic, Class<V> type, String purpose) {
    this.producer = KafkaClients.producer(config, type, purpose);
    this.topic = topic;
  }

  /**
   * Sends asynchronously; the future completes when the broker acknowledged the record (acks=all).
   */
  CompletableFuture<PublishResult> sendAsync(String pack, String operationId, V value) {
    CompletableFuture<PublishResult> result = new CompletableFuture<>();
    producer.send(
        new ProducerRecord<>(topic, pack, value),
        (metadata, error) -> {
          if (error != null) {
            result.completeExceptionally(error);
          } else {
            result.complete(
                new PublishResult(
                    operationId,
                    metadata.topic(),
                    metadata.partition(),
                    metadata.offset(),
                    Instant.ofEpochMilli(metadata.timestamp())));
          }
        });
    return result;
  }

  /**
   * Sends and waits for the acknowledgement.
   *
   * @throws KafkaException when the broker did not take the record, naming the topic
   */
  PublishResult send(String pack, String operationId, V value) {
    try {
      return sendAsync(pack, operationId, value).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted while publishing to " + topic, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof KafkaException kafka) {
        throw kafka;
      }
      throw new KafkaException("Could not publish to " + topic + ": " + cause.getMessage(), cause);
    }
  }

  void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
