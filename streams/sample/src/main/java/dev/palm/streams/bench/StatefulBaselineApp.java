package dev.palm.streams.bench;

import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.wire.PalmSerdes;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The stateful baseline of the pipeline benchmark: what a Kafka Streams application of PALM's shape
 * costs without PALM's policy. Per operation it does one RocksDB get and one put (a changelogged
 * store keyed by deployment) and writes as many records, of the same mean size, as PALM wrote per
 * operation in the same run: the decision (PALM's {@code PolicyDecision}, for the driver to read)
 * and the rest as opaque records of the measured size on a second topic, standing for the audit
 * records. Same serdes, exactly-once settings and partitions as PALM ({@link
 * PassThroughApp#streamsProperties}).
 */
public final class StatefulBaselineApp {

  /**
   * The store's name (its changelog is {@code <application-id>-baseline-deployments-changelog}).
   */
  static final String STORE = "baseline-deployments";

  private StatefulBaselineApp() {}

  /**
   * The topology.
   *
   * @param input the operations topic
   * @param decisions where one decision per operation goes
   * @param extra where the other records go
   * @param serdes PALM's serdes
   * @param shape PALM's measured output per operation
   */
  public static Topology topology(
      String input, String decisions, String extra, PalmSerdes serdes, OutputShape shape) {
    Topology topology = new Topology();
    topology.addSource(
        "operations",
        Serdes.String().deserializer(),
        serdes.valueSerde(OperationRequested.class).deserializer(),
        input);
    topology.addProcessor("decide", () -> new Decide(shape), "operations");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray()),
        "decide");
    topology.addSink(
        "decisions",
        decisions,
        Serdes.String().serializer(),
        serdes.valueSerde(PolicyDecision.class).serializer(),
        "decide");
    topology.addSink(
        "extra", extra, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "decide");
    return topology;
  }

  /**
   * What PALM wrote per operation in the same run, which the baseline copies.
   *
   * @param recordsPerOperation output records (decisions, audit, approvals; not changelogs) per
   *     operation
   * @param bytesPerRecord their mean value size
   * @param changelogRecordsPerOperation what PALM's state stores wrote to their changelogs per
   *     operation (the stateful baseline writes one), to show where PALM's cost goes
   * @param stores PALM's changelogged state stores
   */
  public record OutputShape(
      double recordsPerOperation,
      double bytesPerRecord,
      double changelogRecordsPerOperation,
      int stores) {

    /** The extra records after the decision for operation number {@code n} (spread evenly). */
    int extraRecords(long n) {
      double extra = Math.max(0, recordsPerOperation - 1);
      return (int) (Math.floor((n + 1) * extra) - Math.floor(n * extra));
    }
  }

  /** One get and one put per operation, then the decision and the extra records. */
  private static final class Decide
      implements Processor<String, OperationRequested, String, Object> {
    private final OutputShape shape;
    private final byte[] payload;
    private final PassThroughApp.Decider decider = new PassThroughApp.Decider();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> store;
    private long n;

    Decide(OutputShape shape) {
      this.shape = shape;
      this.payload = new byte[(int) Math.max(1, Math.round(shape.bytesPerRecord()))];
      Arrays.fill(payload, (byte) 'x');
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, OperationRequested> record) {
      OperationRequested op = record.value();
      if (op == null) {
        return;
      }
      byte[] previous = store.get(op.getDeploymentId());
      byte[] next = previous == null ? payload.clone() : previous;
      next[0]++;
      store.put(op.getDeploymentId(), next);
      long now = System.currentTimeMillis();
      context.forward(
          new Record<String, Object>(op.getOperationId(), decider.decide(op, now), now),
          "decisions");
      for (int i = shape.extraRecords(n); i > 0; i--) {
        context.forward(new Record<String, Object>(op.getOperationId(), payload, now), "extra");
      }
      n++;
    }
  }
}
