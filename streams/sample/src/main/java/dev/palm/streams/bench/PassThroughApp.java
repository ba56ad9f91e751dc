package dev.palm.streams.bench;

import dev.palm.events.Decision;
import dev.palm.events.DecisionKind;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.streams.service.PalmService;
import dev.palm.wire.PalmSerdes;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The baseline of the pipeline benchmark: the least a Kafka Streams application can do with PALM's
 * input and output. It reads each {@code OperationRequested} and writes one {@code PolicyDecision}
 * of the size PALM writes for an allowed operation, with the same serdes and the same exactly-once
 * settings, but no policy, no state and no audit, so PALM's figure minus this one is PALM's own
 * cost.
 */
public final class PassThroughApp {

  private PassThroughApp() {}

  /**
   * The topology: {@code input} → one decision per operation → {@code output}, keyed by operation
   * id.
   */
  public static Topology topology(String input, String output, PalmSerdes serdes) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            input, Consumed.with(Serdes.String(), serdes.valueSerde(OperationRequested.class)))
        .process(Decide::new)
        .to(output, Produced.with(Serdes.String(), serdes.valueSerde(PolicyDecision.class)));
    return builder.build();
  }

  /**
   * The Streams settings PALM uses ({@code exactly_once_v2}, one thread, the commit interval), on
   * {@code base}.
   */
  public static Properties streamsProperties(
      Properties base, String applicationId, String stateDir, long commitIntervalMs) {
    Properties props = new Properties();
    // before the base, so its producer settings win, as in PALM
    props.putAll(PalmService.PRODUCER_DEFAULTS);
    props.putAll(base);
    props.put("application.id", applicationId);
    props.put("state.dir", stateDir);
    props.put("processing.guarantee", "exactly_once_v2");
    props.put("commit.interval.ms", Long.toString(commitIntervalMs));
    props.put("num.stream.threads", "1");
    props.put("processing.exception.handler.global.enabled", "true");
    props.put("max.task.idle.ms", PalmService.MAX_TASK_IDLE_MS);
    return props;
  }

  /** Answers every operation with an ALLOWED decision, as {@link Decider} makes it. */
  private static final class Decide
      implements Processor<String, OperationRequested, String, PolicyDecision> {
    private final Decider decider = new Decider();
    private ProcessorContext<String, PolicyDecision> context;

    @Override
    public void init(ProcessorContext<String, PolicyDecision> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, OperationRequested> record) {
      OperationRequested op = record.value();
      if (op == null) {
        return;
      }
      long now = System.currentTimeMillis();
      context.forward(new Record<>(op.getOperationId(), decider.decide(op, now), now));
    }
  }

  /**
   * The decision both baselines write: ALLOWED, of the size PALM writes for an allowed operation,
   * stamped with the wall clock as PALM stamps its outputs.
   */
  static final class Decider {
    private long sequence;

    PolicyDecision decide(OperationRequested op, long now) {
      return PolicyDecision.newBuilder()
          .setOperationId(op.getOperationId())
          .setPack(op.getPack())
          .setPackVersion("0.1.0")
          .setOperation(op.getOperation())
          .setDeploymentId(op.getDeploymentId())
          .setAgentId(op.getAgentId())
          .setDecision(Decision.ALLOWED)
          .setRuleIds(List.of())
          .setReasonCodes(List.of())
          .setMessages(List.of())
          .setDecidedAt(Instant.ofEpochMilli(now))
          .setDecidedBy("palm-system")
          .setAuditSequence(sequence++)
          .setKind(DecisionKind.DECISION)
          .build();
    }
  }
}
