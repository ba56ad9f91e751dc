package dev.palm.streams.audit;

import dev.palm.audit.MerkleFrontier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One pack's checkpointing state between punctuations: the position in the checkpoint chain and the
 * audit records appended since the last checkpoint, summarised as a {@link MerkleFrontier} (O(log
 * n) bytes). Kept in the checkpoint processor's state store, keyed by pack.
 */
public final class CheckpointWindow {

  private static final byte FORMAT_VERSION = 1;

  private final long nextCheckpointId;
  private final Optional<String> lastSignature;
  private final long lastCheckpointAtMillis;
  private final long firstSequence;
  private final long lastSequence;
  private final String headHash;
  private final byte[] frontier;

  private CheckpointWindow(
      long nextCheckpointId,
      Optional<String> lastSignature,
      long lastCheckpointAtMillis,
      long firstSequence,
      long lastSequence,
      String headHash,
      byte[] frontier) {
    this.nextCheckpointId = nextCheckpointId;
    this.lastSignature = Objects.requireNonNull(lastSignature, "lastSignature");
    this.lastCheckpointAtMillis = lastCheckpointAtMillis;
    this.firstSequence = firstSequence;
    this.lastSequence = lastSequence;
    this.headHash = Objects.requireNonNull(headHash, "headHash");
    this.frontier = frontier.clone();
  }

  /** The window of a pack whose first audit record seen has {@code firstSequence}. */
  static CheckpointWindow starting(long firstSequence, MerkleFrontier emptyFrontier) {
    return new CheckpointWindow(
        0, Optional.empty(), -1, firstSequence, firstSequence - 1, "", emptyFrontier.toBytes());
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
        updatedFrontier.toBytes());
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
        emptyFrontier.toBytes());
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static CheckpointWindow fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != FORMAT_VERSION) {
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
      return new CheckpointWindow(
          nextId,
          hasSignature ? Optional.of(signature) : Optional.empty(),
          at,
          first,
          last,
          head,
          frontier);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt checkpoint window state: " + e.getMessage(), e);
    }
  }
}
