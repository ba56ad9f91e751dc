package dev.palm.streams.audit;

import dev.palm.audit.MerkleFrontier;
import dev.palm.events.ForeignRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * One pack's checkpointing state between punctuations: the position in the checkpoint chain and the
 * audit records appended since the last checkpoint, summarised as a {@link MerkleFrontier} (O(log
 * n) bytes). Kept in the checkpoint processor's state store, keyed by pack.
 */
public final class CheckpointWindow {

  private static final byte FORMAT_VERSION = 2;

  /** Offsets unknown: the window was written by a version that did not bind offsets. */
  static final long NO_OFFSET = -1;

  private final long nextCheckpointId;
  private final Optional<String> lastSignature;
  private final long lastCheckpointAtMillis;
  private final long firstSequence;
  private final long lastSequence;
  private final String headHash;
  private final byte[] frontier;
  private final Offsets offsets;

  /**
   * Where the window is in the audit topic: the partition, the first offset not yet accounted for
   * by a checkpoint, the offset after the last record read, and the foreign records read since the
   * last checkpoint.
   */
  record Offsets(int partition, long firstOffset, long endOffset, List<ForeignRecord> foreign) {
    static final Offsets UNKNOWN = new Offsets(-1, NO_OFFSET, NO_OFFSET, List.of());

    Offsets {
      foreign = List.copyOf(foreign);
    }

    boolean known() {
      return firstOffset >= 0;
    }

    /** After reading the record at {@code offset} of {@code partition}. */
    Offsets reading(int readPartition, long offset) {
      return new Offsets(readPartition, known() ? firstOffset : offset, offset + 1, foreign);
    }

    Offsets withForeign(ForeignRecord record) {
      List<ForeignRecord> more = new ArrayList<>(foreign);
      more.add(record);
      return new Offsets(partition, firstOffset, endOffset, more);
    }

    Offsets afterCheckpoint() {
      return new Offsets(partition, endOffset, endOffset, List.of());
    }
  }

  private CheckpointWindow(
      long nextCheckpointId,
      Optional<String> lastSignature,
      long lastCheckpointAtMillis,
      long firstSequence,
      long lastSequence,
      String headHash,
      byte[] frontier,
      Offsets offsets) {
    this.nextCheckpointId = nextCheckpointId;
    this.lastSignature = Objects.requireNonNull(lastSignature, "lastSignature");
    this.lastCheckpointAtMillis = lastCheckpointAtMillis;
    this.firstSequence = firstSequence;
    this.lastSequence = lastSequence;
    this.headHash = Objects.requireNonNull(headHash, "headHash");
    this.frontier = frontier.clone();
    this.offsets = Objects.requireNonNull(offsets, "offsets");
  }

  /**
   * The window of a pack whose first audit record seen has {@code firstSequence}; its head is
   * {@code headHash} (the genesis hash for a chain that starts at 0).
   */
  static CheckpointWindow starting(
      long firstSequence, String headHash, MerkleFrontier emptyFrontier) {
    return new CheckpointWindow(
        0,
        Optional.empty(),
        -1,
        firstSequence,
        firstSequence - 1,
        headHash,
        emptyFrontier.toBytes(),
        Offsets.UNKNOWN);
  }

  /** Where the window is in the audit topic. */
  Offsets offsets() {
    return offsets;
  }

  /**
   * Whether anything (a record of the chain or a foreign one) arrived since the last checkpoint.
   */
  public boolean hasNews() {
    return hasRecords() || !offsets.foreign().isEmpty();
  }

  /** The window after reading {@code offset} of {@code partition} (any record, ours or not). */
  CheckpointWindow reading(int partition, long offset) {
    return withOffsets(offsets.reading(partition, offset));
  }

  /** The window after a foreign record. */
  CheckpointWindow withForeign(ForeignRecord record) {
    return withOffsets(offsets.withForeign(record));
  }

  /**
   * The window restarted at {@code sequence} (records before it never reached the audit topic, or
   * were deleted before they were read); only valid while no record is pending.
   */
  CheckpointWindow rebasedAt(long sequence) {
    if (hasRecords()) {
      throw new IllegalStateException("rebase only an empty window");
    }
    return new CheckpointWindow(
        nextCheckpointId,
        lastSignature,
        lastCheckpointAtMillis,
        sequence,
        sequence - 1,
        headHash,
        frontier,
        offsets);
  }

  private CheckpointWindow withOffsets(Offsets updated) {
    return new CheckpointWindow(
        nextCheckpointId,
        lastSignature,
        lastCheckpointAtMillis,
        firstSequence,
        lastSequence,
        headHash,
        frontier,
        updated);
  }

  /** Id the next checkpoint gets. */
  public long nextCheckpointId() {
    return nextCheckpointId;
  }

  /** Signature of the last checkpoint made, empty before the first. */
  public Optional<String> lastSignature() {
    return lastSignature;
  }

  /** When the last checkpoint was made (epoch millis), or -1 before the first. */
  public long lastCheckpointAtMillis() {
    return lastCheckpointAtMillis;
  }

  /** First sequence not yet covered by a checkpoint. */
  public long firstSequence() {
    return firstSequence;
  }

  /**
   * Last sequence seen ({@code firstSequence - 1} when no record arrived since the last
   * checkpoint).
   */
  public long lastSequence() {
    return lastSequence;
  }

  /** Hash of the record at {@link #lastSequence()}, empty string before any record. */
  public String headHash() {
    return headHash;
  }

  /** Whether records arrived since the last checkpoint. */
  public boolean hasRecords() {
    return lastSequence >= firstSequence;
  }

  /** A copy of the Merkle frontier over the uncovered records. */
  public MerkleFrontier frontier() {
    return MerkleFrontier.fromBytes(frontier);
  }

  /** The window after one more record. */
  CheckpointWindow withRecord(long sequence, String hash, MerkleFrontier updatedFrontier) {
    return new CheckpointWindow(
        nextCheckpointId,
        lastSignature,
        lastCheckpointAtMillis,
        firstSequence,
        sequence,
        hash,
        updatedFrontier.toBytes(),
        offsets);
  }

  /** The window after a checkpoint covering everything up to {@link #lastSequence()}. */
  CheckpointWindow afterCheckpoint(String signature, long atMillis, MerkleFrontier emptyFrontier) {
    return new CheckpointWindow(
        nextCheckpointId + 1,
        Optional.of(signature),
        atMillis,
        lastSequence + 1,
        lastSequence,
        headHash,
        emptyFrontier.toBytes(),
        offsets.afterCheckpoint());
  }

  /**
   * The persistent (RocksDB, changelogged) store of checkpoint windows, keyed by pack. Every audit
   * record read back rewrites its pack's window, so the store keeps the latest value in Kafka
   * Streams' record cache: one RocksDB write and one changelog record per pack and commit, not per
   * record (docs/benchmarks.md).
   */
  public static StoreBuilder<KeyValueStore<String, CheckpointWindow>> storeBuilder(
      String storeName) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(storeName), Serdes.String(), serde())
        .withCachingEnabled();
  }

  /** Serde for the state store (a versioned binary layout). */
  public static Serde<CheckpointWindow> serde() {
    return Serdes.serdeFrom(
        (topic, window) -> window == null ? null : window.toBytes(),
        (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeLong(nextCheckpointId);
      out.writeBoolean(lastSignature.isPresent());
      out.writeUTF(lastSignature.orElse(""));
      out.writeLong(lastCheckpointAtMillis);
      out.writeLong(firstSequence);
      out.writeLong(lastSequence);
      out.writeUTF(headHash);
      out.writeInt(frontier.length);
      out.write(frontier);
      out.writeInt(offsets.partition());
      out.writeLong(offsets.firstOffset());
      out.writeLong(offsets.endOffset());
      out.writeInt(offsets.foreign().size());
      for (ForeignRecord f : offsets.foreign()) {
        out.writeLong(f.getOffset());
        out.writeUTF(f.getValueDigest());
        out.writeUTF(f.getReason());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static CheckpointWindow fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != FORMAT_VERSION && version != 1) {
        throw new IllegalArgumentException("unknown checkpoint window format version " + version);
      }
      long nextId = in.readLong();
      boolean hasSignature = in.readBoolean();
      String signature = in.readUTF();
      long at = in.readLong();
      long first = in.readLong();
      long last = in.readLong();
      String head = in.readUTF();
      byte[] frontier = new byte[in.readInt()];
      in.readFully(frontier);
      Offsets offsets = Offsets.UNKNOWN; // version 1 bound no offsets
      if (version >= 2) {
        int partition = in.readInt();
        long firstOffset = in.readLong();
        long endOffset = in.readLong();
        int count = in.readInt();
        List<ForeignRecord> foreign = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          foreign.add(new ForeignRecord(in.readLong(), in.readUTF(), in.readUTF()));
        }
        offsets = new Offsets(partition, firstOffset, endOffset, foreign);
      }
      return new CheckpointWindow(
          nextId,
          hasSignature ? Optional.of(signature) : Optional.empty(),
          at,
          first,
          last,
          head,
          frontier,
          offsets);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt checkpoint window state: " + e.getMessage(), e);
    }
  }
}
