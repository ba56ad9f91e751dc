package dev.palm.streams.policy;

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
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    if (bytes.length != Long.BYTES || bytes[0] != 0) {
      return Optional.empty();
    }
    return Optional.of(new RateBucket(ByteBuffer.wrap(bytes).getLong(), 1));
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
          int count = in.readInt();
          if (count < 0 || count > MAX_INDEX) {
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
    if (bytes.length != Long.BYTES || bytes[0] != 0) {
      return Optional.empty();
    }
    return Optional.of(new AuditIndex(List.of(ByteBuffer.wrap(bytes).getLong())));
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
}
