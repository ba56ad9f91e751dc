package dev.palm.streams.query;

import dev.palm.events.Decision;
import dev.palm.events.PolicyDecision;
import dev.palm.streams.clients.KafkaClientProperties;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the decisions the pipeline commits, per pack, decision and kind, for {@code
 * palm_decisions_total}.
 *
 * <p>Why a consumer and not a counter inside the topology: under exactly-once a processor runs
 * again for inputs whose transaction aborted, so an in-topology counter would count decisions that
 * never became visible. A {@code read_committed} consumer of the decisions topics sees each
 * committed decision exactly once. It starts at the end of the topics when the server starts (a
 * Prometheus counter starts at zero with its process), and counts a decision only while this
 * instance owns the pack's partition, so that the counters of all instances add up to the
 * pipeline's total; during a rebalance, when nobody is known to own a pack, each instance counts.
 */
final class DecisionCounter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionCounter.class);
  private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<PolicyDecision> deserializer;
  private final Map<String, String> packByTopic = new HashMap<>();
  private final PackOwnership ownership;
  private final MeterRegistry registry;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Assigns the decisions topics of {@code packs} at their current end and starts counting in a
   * daemon thread.
   */
  DecisionCounter(
      Map<String, Object> kafkaProperties,
      PalmSerdes serdes,
      TopicLayout layout,
      Collection<String> packs,
      PackOwnership ownership,
      MeterRegistry registry,
      Duration timeout) {
    this.ownership = Objects.requireNonNull(ownership, "ownership");
    this.registry = Objects.requireNonNull(registry, "registry");
    for (String pack : packs) {
      packByTopic.put(layout.decisions(pack).name(), pack);
      for (Decision decision : Decision.values()) {
        counter(pack, decision.name(), "DECISION"); // present at 0, so dashboards see every series
      }
    }
    Map<String, Object> props = KafkaClientProperties.assignedReader(kafkaProperties);
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(
        ConsumerConfig.CLIENT_ID_CONFIG, "palm-query-decisions-" + CLIENT_IDS.incrementAndGet());
    this.consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.deserializer = serdes.valueDeserializer(PolicyDecision.class);
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : packByTopic.keySet()) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
          throw new IllegalStateException(
              "the decisions topic "
                  + topic
                  + " does not exist; start the"
                  + " query API after the pipeline has provisioned its topics");
        }
        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      // resolve the end now, so decisions made after the server started are all counted
      partitions.forEach(tp -> consumer.position(tp, timeout));
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
      deserializer.close();
      throw e;
    }
    this.thread = new Thread(this::run, "palm-query-decision-counter");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          count(record);
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (RuntimeException e) {
      LOG.warn(
          "The decision counter stopped; palm_decisions_total no longer grows: {}",
          e.toString(),
          e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
      deserializer.close();
    }
  }

  private void count(ConsumerRecord<String, byte[]> record) {
    String pack = packByTopic.get(record.topic());
    if (pack == null || ownership.ownerOf(pack) instanceof PackOwnership.Remote) {
      return;
    }
    PolicyDecision decision;
    try {
      decision =
          record.value() == null
              ? null
              : deserializer.deserialize(record.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      decision = null;
    }
    if (decision == null) {
      Counter.builder("palm.decisions.unreadable")
          .description("Records on a decisions topic that could not be decoded")
          .tag("pack", pack)
          .register(registry)
          .increment();
      return;
    }
    counter(pack, decision.getDecision().name(), decision.getKind().name()).increment();
  }

  private Counter counter(String pack, String decision, String kind) {
    return Counter.builder("palm.decisions")
        .description(
            "Decisions committed to the packs' decisions topics since this server started"
                + " (counted by the instance that owns the pack)")
        .tag("pack", pack)
        .tag("decision", decision)
        .tag("kind", kind)
        .register(registry);
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
