package dev.palm.streams.policy;

import static dev.palm.streams.policy.BinarySerde.readCount;
import static dev.palm.streams.policy.BinarySerde.readOptional;
import static dev.palm.streams.policy.BinarySerde.readString;
import static dev.palm.streams.policy.BinarySerde.writeOptional;
import static dev.palm.streams.policy.BinarySerde.writeString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palm.audit.ChainHead;
import dev.palm.streams.deployments.DeploymentState;
import dev.palm.streams.deployments.PackTotals;
import dev.palm.streams.limits.RateBucket;
import dev.palm.streams.limits.RateLogHead;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.RequestedOperation;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The binary layouts of the hot store values (see {@link BinarySerde}); the field order is the
 * format, so a field is only ever appended behind a new format byte.
 */
final class StoreCodecs {

  private StoreCodecs() {}

  /** {@code palm-chain-heads}: next sequence, last hash. */
  static final BinarySerde.Codec<ChainHead> CHAIN_HEAD =
      new BinarySerde.Codec<>() {
        @Override
        public void write(ChainHead value, DataOutput out) throws IOException {
          out.writeLong(value.nextSequence());
          writeString(out, value.lastHash());
        }

        @Override
        public ChainHead read(DataInput in) throws IOException {
          return new ChainHead(in.readLong(), readString(in));
        }
      };

  /** {@code palm-pack-totals}: deployments, instances, CPU, memory. */
  static final BinarySerde.Codec<PackTotals> PACK_TOTALS =
      new BinarySerde.Codec<>() {
        @Override
        public void write(PackTotals value, DataOutput out) throws IOException {
          out.writeInt(value.deployments());
          out.writeLong(value.instances());
          out.writeLong(value.cpuMillicores());
          out.writeLong(value.memoryMb());
        }

        @Override
        public PackTotals read(DataInput in) throws IOException {
          return new PackTotals(in.readInt(), in.readLong(), in.readLong(), in.readLong());
        }
      };

  /** {@code palm-rate-heads}: head, tail, last event time, admissions. */
  static final BinarySerde.Codec<RateLogHead> RATE_HEAD =
      new BinarySerde.Codec<>() {
        @Override
        public void write(RateLogHead value, DataOutput out) throws IOException {
          out.writeLong(value.head());
          out.writeLong(value.tail());
          out.writeLong(value.lastEventTime());
          out.writeLong(value.admitted());
        }

        @Override
        public RateLogHead read(DataInput in) throws IOException {
          return new RateLogHead(in.readLong(), in.readLong(), in.readLong(), in.readLong());
        }
      };

  /**
   * Reads the {@code palm-rate-heads} values of earlier versions: JSON {@code {head, tail,
   * lastEventTime}} over one admission per entry.
   */
  static Optional<RateLogHead> ungroupedHead(byte[] bytes) {
    if (bytes[0] != '{') {
      return Optional.empty();
    }
    try {
      JsonNode json = JsonSerde.MAPPER.readTree(bytes);
      return Optional.of(
          RateLogHead.ungrouped(
              json.required("head").asLong(),
              json.required("tail").asLong(),
              json.required("lastEventTime").asLong()));
    } catch (IOException | IllegalArgumentException e) {
      throw new SerializationException("Cannot read a RateLogHead from store JSON: " + e, e);
    }
  }

  /** {@code palm-rate-log}: time, count. */
  static final BinarySerde.Codec<RateBucket> RATE_BUCKET =
      new BinarySerde.Codec<>() {
        @Override
        public void write(RateBucket value, DataOutput out) throws IOException {
          out.writeLong(value.time());
          out.writeLong(value.count());
        }

        @Override
        public RateBucket read(DataInput in) throws IOException {
          return new RateBucket(in.readLong(), in.readLong());
        }
      };

  /**
   * Reads the {@code palm-rate-log} values of earlier versions: one admission time per entry, a
   * big-endian long (first byte 0 for any time before the year 2^56 ms).
   */
  static Optional<RateBucket> singleAdmission(byte[] bytes) {
    return plainLong(bytes).map(time -> new RateBucket(time, 1));
  }

  /**
   * {@code palm-operation-audit}, {@code palm-startup-audit}, {@code palm-deployment-audit-log}:
   * count, then the sequences.
   */
  static final BinarySerde.Codec<AuditIndex> AUDIT_INDEX =
      new BinarySerde.Codec<>() {
        @Override
        public void write(AuditIndex value, DataOutput out) throws IOException {
          out.writeInt(value.sequences().size());
          for (long sequence : value.sequences()) {
            out.writeLong(sequence);
          }
        }

        @Override
        public AuditIndex read(DataInput in) throws IOException {
          int count = readCount(in, Long.BYTES);
          if (count > MAX_INDEX) {
            throw new IOException("audit index of " + count + " sequences");
          }
          List<Long> sequences = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            sequences.add(in.readLong());
          }
          return new AuditIndex(sequences);
        }
      };

  /**
   * Reads the {@code palm-deployment-audit-log} values of earlier versions: one sequence per entry,
   * a big-endian long (first byte 0 for any sequence below 2^56).
   */
  static Optional<AuditIndex> singleSequence(byte[] bytes) {
    return plainLong(bytes).map(sequence -> new AuditIndex(List.of(sequence)));
  }

  /**
   * A value of Kafka's long serde, as earlier versions stored times and sequences: eight big-endian
   * bytes, the first 0 for any value below 2^56 (never {@link BinarySerde#FORMAT}).
   */
  private static Optional<Long> plainLong(byte[] bytes) {
    if (bytes.length != Long.BYTES || bytes[0] != 0) {
      return Optional.empty();
    }
    return Optional.of(ByteBuffer.wrap(bytes).getLong());
  }

  /** An index value is bounded (a handful of records per operation or start). */
  private static final int MAX_INDEX = 1 << 20;

  /** {@code palm-deployments}: every field in declaration order. */
  static final BinarySerde.Codec<DeploymentState> DEPLOYMENT =
      new BinarySerde.Codec<>() {
        @Override
        public void write(DeploymentState value, DataOutput out) throws IOException {
          writeString(out, value.deploymentId());
          writeOptional(out, value.agentId());
          out.writeInt(value.replicas());
          out.writeInt(value.cpuMillicores());
          out.writeInt(value.memoryMb());
          out.writeInt(value.storageMb());
          out.writeInt(value.networkKbps());
          out.writeLong(value.revision());
          out.writeLong(value.generation());
          writeOptional(out, value.node());
          out.writeLong(value.createdAt());
          out.writeLong(value.updatedAt());
          writeString(out, value.lastOperationId());
          writeString(out, value.lastOperation());
        }

        @Override
        public DeploymentState read(DataInput in) throws IOException {
          return new DeploymentState(
              readString(in),
              readOptional(in),
              in.readInt(),
              in.readInt(),
              in.readInt(),
              in.readInt(),
              in.readInt(),
              in.readLong(),
              in.readLong(),
              readOptional(in),
              in.readLong(),
              in.readLong(),
              readString(in),
              readString(in));
        }
      };

  /**
   * {@code palm-operations}: the request, its fingerprint, the latest decision and the ids; every
   * field in declaration order (strings that may be null with a presence flag, maps by sorted key).
   */
  static final BinarySerde.Codec<OperationEntry> OPERATION_ENTRY =
      new BinarySerde.Codec<>() {
        @Override
        public void write(OperationEntry value, DataOutput out) throws IOException {
          writeRequest(value.operation(), out);
          writeString(out, value.fingerprint());
          writeDecision(value.decision(), out);
          writeOptional(out, value.approvalId());
          writeOptional(out, value.holdId());
          writeOptionalLong(out, value.preAuditSequence());
        }

        @Override
        public OperationEntry read(DataInput in) throws IOException {
          return new OperationEntry(
              readRequest(in),
              readString(in),
              readDecision(in),
              readOptional(in),
              readOptional(in),
              readOptionalLong(in));
        }
      };

  private static void writeRequest(RequestedOperation op, DataOutput out) throws IOException {
    writeString(out, op.operationId());
    writeString(out, op.pack());
    writeString(out, op.operation());
    writeString(out, op.deploymentId());
    writeOptional(out, op.agentId());
    writeString(out, op.actor().id());
    writeString(out, op.actor().type());
    writeString(out, op.actor().asSent());
    writeOptional(out, op.environment());
    out.writeLong(op.requestedAt());
    writeOptionalInt(out, op.targetReplicas());
    writeOptionalInt(out, op.instanceCount());
    RequestedOperation.Resources r = op.resources();
    writeOptionalInt(out, r.cpuMillicores());
    writeOptionalInt(out, r.memoryMb());
    writeOptionalInt(out, r.storageMb());
    writeOptionalInt(out, r.networkKbps());
    Map<String, String> parameters = new TreeMap<>(op.parameters());
    out.writeInt(parameters.size());
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      writeString(out, p.getKey());
      writeString(out, p.getValue());
    }
    writeOptional(out, op.justification());
    writeOptional(out, op.traceId());
    out.writeBoolean(op.agentSpec().isPresent());
    if (op.agentSpec().isPresent()) {
      RequestedOperation.AgentSpecRef spec = op.agentSpec().get();
      writeString(out, spec.name());
      writeString(out, spec.version());
      out.writeLong(spec.attentionBudget());
      out.writeInt(spec.couplingSlots());
    }
    writeStrings(out, op.inputProblems());
    writeOptional(out, op.proofKeyId());
  }

  private static RequestedOperation readRequest(DataInput in) throws IOException {
    String operationId = readString(in);
    String pack = readString(in);
    String operation = readString(in);
    String deploymentId = readString(in);
    Optional<String> agentId = readOptional(in);
    ActorRef actor = new ActorRef(readString(in), readString(in), readString(in));
    Optional<String> environment = readOptional(in);
    long requestedAt = in.readLong();
    Optional<Integer> targetReplicas = readOptionalInt(in);
    Optional<Integer> instanceCount = readOptionalInt(in);
    RequestedOperation.Resources resources =
        new RequestedOperation.Resources(
            readOptionalInt(in), readOptionalInt(in), readOptionalInt(in), readOptionalInt(in));
    int count = readCount(in, Integer.BYTES);
    Map<String, String> parameters = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      parameters.put(readString(in), readString(in));
    }
    Optional<String> justification = readOptional(in);
    Optional<String> traceId = readOptional(in);
    Optional<RequestedOperation.AgentSpecRef> agentSpec =
        in.readBoolean()
            ? Optional.of(
                new RequestedOperation.AgentSpecRef(
                    readString(in), readString(in), in.readLong(), in.readInt()))
            : Optional.empty();
    List<String> inputProblems = readStrings(in);
    Optional<String> proofKeyId = readOptional(in);
    return new RequestedOperation(
        operationId,
        pack,
        operation,
        deploymentId,
        agentId,
        actor,
        environment,
        requestedAt,
        targetReplicas,
        instanceCount,
        resources,
        parameters,
        justification,
        traceId,
        agentSpec,
        inputProblems,
        proofKeyId);
  }

  private static void writeDecision(DecisionSnapshot d, DataOutput out) throws IOException {
    writeString(out, d.operationId());
    writeNullable(out, d.pack());
    writeNullable(out, d.packVersion());
    writeNullable(out, d.operation());
    writeNullable(out, d.deploymentId());
    writeOptional(out, d.agentId());
    writeString(out, d.decision());
    writeStrings(out, d.ruleIds());
    writeStrings(out, d.reasonCodes());
    writeStrings(out, d.messages());
    out.writeLong(d.decidedAt());
    writeNullable(out, d.decidedBy());
    writeOptional(out, d.approvalId());
    writeOptional(out, d.holdId());
    out.writeLong(d.auditSequence());
    writeOptionalLong(out, d.preAuditSequence());
    writeString(out, d.kind());
  }

  private static DecisionSnapshot readDecision(DataInput in) throws IOException {
    return new DecisionSnapshot(
        readString(in),
        readNullable(in),
        readNullable(in),
        readNullable(in),
        readNullable(in),
        readOptional(in),
        readString(in),
        readStrings(in),
        readStrings(in),
        readStrings(in),
        in.readLong(),
        readNullable(in),
        readOptional(in),
        readOptional(in),
        in.readLong(),
        readOptionalLong(in),
        readString(in));
  }

  private static void writeNullable(DataOutput out, String value) throws IOException {
    writeOptional(out, Optional.ofNullable(value));
  }

  private static String readNullable(DataInput in) throws IOException {
    return readOptional(in).orElse(null);
  }

  private static void writeOptionalInt(DataOutput out, Optional<Integer> value) throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      out.writeInt(value.get());
    }
  }

  private static Optional<Integer> readOptionalInt(DataInput in) throws IOException {
    return in.readBoolean() ? Optional.of(in.readInt()) : Optional.empty();
  }

  private static void writeOptionalLong(DataOutput out, Optional<Long> value) throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      out.writeLong(value.get());
    }
  }

  private static Optional<Long> readOptionalLong(DataInput in) throws IOException {
    return in.readBoolean() ? Optional.of(in.readLong()) : Optional.empty();
  }

  private static void writeStrings(DataOutput out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      writeString(out, v);
    }
  }

  private static List<String> readStrings(DataInput in) throws IOException {
    int count = readCount(in, Integer.BYTES);
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(readString(in));
    }
    return values;
  }
}
