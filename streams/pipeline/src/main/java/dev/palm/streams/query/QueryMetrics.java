package dev.palm.streams.query;

import dev.palm.streams.policy.PolicyStores;
import dev.palm.wire.TopicSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API's Prometheus metrics (Micrometer): decisions per pack, decision and kind ({@link
 * DecisionCounter}), pending approvals and active holds per pack (gauges over this instance's
 * stores), the audit lag (input records the pipeline has not yet processed, so not yet audited),
 * requests served, and Kafka Streams' own client metrics.
 */
final class QueryMetrics implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryMetrics.class);

  /** The content type of Prometheus' text exposition format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final QuerySources sources;
  private final Duration timeout;
  private final Map<TopicPartition, Double> lag = new ConcurrentHashMap<>();
  private final KafkaStreamsMetrics streamsMetrics;
  private final Admin admin;
  private final DecisionCounter decisions;

  QueryMetrics(
      QuerySources sources, PackOwnership ownership, PackQueries queries, Duration timeout) {
    this.sources = sources;
    this.timeout = timeout;
    for (String pack : sources.packsByName().keySet()) {
      Gauge.builder(
              "palm.approvals.pending",
              () -> gauge(() -> queries.countLocal(PolicyStores.APPROVALS, pack)))
          .description("Approval requests waiting for approvers (held by this instance)")
          .tag("pack", pack)
          .register(registry);
      Gauge.builder(
              "palm.holds.active", () -> gauge(() -> queries.countLocal(PolicyStores.HOLDS, pack)))
          .description("Operations under a safety hold (held by this instance)")
          .tag("pack", pack)
          .register(registry);
    }
    Map<String, Object> adminProps = new HashMap<>(sources.kafkaProperties());
    adminProps.put("client.id", "palm-query-admin-" + ownership.self().port());
    this.admin = Admin.create(adminProps);
    this.streamsMetrics = new KafkaStreamsMetrics(sources.streams());
    streamsMetrics.bindTo(registry);
    try {
      this.decisions =
          new DecisionCounter(
              sources.kafkaProperties(),
              sources.serdes(),
              sources.layout(),
              sources.packsByName().keySet(),
              ownership,
              registry,
              timeout);
    } catch (RuntimeException e) {
      streamsMetrics.close();
      admin.close(Duration.ofSeconds(1));
      throw e;
    }
  }

  /** Counts one answered request. */
  void request(String endpoint, int status) {
    Counter.builder("palm.query.requests")
        .description("Requests answered by the query API")
        .tag("endpoint", endpoint)
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }

  /** The metrics in Prometheus' text format, with the audit lag measured now. */
  String scrape() {
    refreshLag();
    return registry.scrape();
  }

  /**
   * Measures, per input partition, the records not yet processed: log-end offset minus the offset
   * the application's consumer group committed. Group-wide, so every instance shows the same
   * values.
   */
  private void refreshLag() {
    List<String> inputs = sources.layout().inputs().stream().map(TopicSpec::name).toList();
    try {
      Map<String, TopicDescription> topics =
          admin
              .describeTopics(inputs)
              .allTopicNames()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      topics
          .values()
          .forEach(
              t ->
                  t.partitions()
                      .forEach(
                          p -> {
                            TopicPartition tp = new TopicPartition(t.name(), p.partition());
                            latest.put(tp, OffsetSpec.latest());
                            earliest.put(tp, OffsetSpec.earliest());
                          }));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
          admin.listOffsets(earliest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(sources.applicationId())
              .partitionsToOffsetAndMetadata()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      ends.forEach(
          (tp, end) -> {
            OffsetAndMetadata done = committed.get(tp);
            long from = done != null ? done.offset() : starts.get(tp).offset();
            double value = Math.max(0, end.offset() - from);
            if (lag.put(tp, value) == null) {
              Gauge.builder("palm.audit.lag", () -> lag.getOrDefault(tp, Double.NaN))
                  .description(
                      "Input records the pipeline has not processed yet, hence not yet audited"
                          + " (log-end offset minus the pipeline's committed offset)")
                  .baseUnit("records")
                  .tag("topic", tp.topic())
                  .tag("partition", Integer.toString(tp.partition()))
                  .register(registry);
            }
          });
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("Could not measure the audit lag: {}", e.toString());
      lag.replaceAll((tp, v) -> Double.NaN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static double gauge(LongSupplier value) {
    try {
      return value.getAsLong();
    } catch (QueryFailure | IllegalStateException e) {
      return Double.NaN; // not queryable right now (rebalance, shutdown)
    }
  }

  @Override
  public void close() {
    decisions.close();
    streamsMetrics.close();
    admin.close(Duration.ofSeconds(5));
    registry.close();
  }
}
