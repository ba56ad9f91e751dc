package dev.palm.streams.policy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Compact binary serde for the small store values that nearly every operation reads and rewrites
 * (chain heads, pack totals, rate heads, deployments, audit indexes): a format byte, then the
 * fields in a fixed order. Jackson's generic binding of these values cost more than a tenth of the
 * stream thread (docs/benchmarks.md). Values written as JSON by earlier versions (first byte
 * {@code '{'}) are still read, so existing state stays usable; they are rewritten in binary on
 * their next update.
 *
 * @param <T> the record type stored
 */
public final class BinarySerde<T> implements StoreValueSerde<T> {

  /** Writes and reads the fields of one value type. */
  public interface Codec<T> {

    /** Writes {@code value}'s fields. */
    void write(T value, DataOutput out) throws IOException;

    /** Reads the fields {@link #write} wrote. */
    T read(DataInput in) throws IOException;
  }

  /** The first byte of every value written by this serde (JSON starts with {@code '{'}). */
  static final byte FORMAT = 1;

  private final Class<T> type;
  private final Codec<T> codec;
  private final Function<byte[], Optional<T>> legacy;

  /** A serde for {@code type} written with {@code codec}; reads JSON of earlier versions. */
  public BinarySerde(Class<T> type, Codec<T> codec) {
    this(type, codec, json(type));
  }

  /**
   * A serde for {@code type} written with {@code codec}; {@code legacy} reads a value of an earlier
   * layout (any first byte but {@link #FORMAT}), or says it is none.
   */
  public BinarySerde(Class<T> type, Codec<T> codec, Function<byte[], Optional<T>> legacy) {
    this.type = Objects.requireNonNull(type, "type");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.legacy = Objects.requireNonNull(legacy, "legacy");
  }

  /** Reads the JSON values of earlier versions (first byte {@code '{'}). */
  private static <T> Function<byte[], Optional<T>> json(Class<T> type) {
    JsonSerde<T> serde = new JsonSerde<>(type);
    return bytes -> bytes[0] == '{' ? Optional.of(serde.fromBytes(bytes)) : Optional.empty();
  }

  /** The binary encoding of {@code value}. */
  @Override
  public byte[] toBytes(T value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      codec.write(value, out);
    } catch (IOException e) {
      throw new SerializationException("Cannot write " + type.getSimpleName(), e);
    }
    return bytes.toByteArray();
  }

  /** The value encoded in {@code bytes}, binary or in an earlier version's layout. */
  @Override
  public T fromBytes(byte[] bytes) {
    if (bytes.length == 0 || bytes[0] != FORMAT) {
      return (bytes.length == 0 ? Optional.<T>empty() : legacy.apply(bytes))
          .orElseThrow(
              () ->
                  new SerializationException(
                      "Cannot read a "
                          + type.getSimpleName()
                          + " from the store: unknown value format "
                          + (bytes.length == 0 ? "(empty value)" : "byte " + bytes[0])
                          + "; was the state written by a newer PALM?"));
    }
    ByteArrayInputStream in = new ByteArrayInputStream(bytes, 1, bytes.length - 1);
    try {
      T value = codec.read(new DataInputStream(in));
      if (in.available() != 0) {
        throw new SerializationException(
            "Cannot read a "
                + type.getSimpleName()
                + " from the store: "
                + in.available()
                + " bytes left after the value");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException s) {
        throw s;
      }
      throw new SerializationException(
          "Cannot read a " + type.getSimpleName() + " from the store: " + e, e);
    }
  }

  /** Writes a string of any length as its UTF-8 byte count and bytes. */
  public static void writeString(DataOutput out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  /** Reads what {@link #writeString} wrote. */
  public static String readString(DataInput in) throws IOException {
    int length = in.readInt();
    int left = remaining(in);
    if (length < 0 || length > left) {
      throw new IOException("string length " + length + " but " + left + " bytes left");
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /**
   * Reads a collection size written as an int, bounded by the bytes left (each element takes at
   * least {@code minElementBytes}).
   */
  public static int readCount(DataInput in, int minElementBytes) throws IOException {
    int count = in.readInt();
    int left = remaining(in);
    if (count < 0 || count > left / minElementBytes) {
      throw new IOException("collection of " + count + " elements but " + left + " bytes left");
    }
    return count;
  }

  /**
   * The bytes left in the value being read: a corrupt length or count must not allocate gigabytes,
   * and the value's own bytes bound it.
   */
  private static int remaining(DataInput in) throws IOException {
    return in instanceof DataInputStream stream ? stream.available() : Integer.MAX_VALUE;
  }

  /** Writes an optional string as a presence flag and, when present, the string. */
  public static void writeOptional(DataOutput out, Optional<String> value) throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      writeString(out, value.get());
    }
  }

  /** Reads what {@link #writeOptional} wrote. */
  public static Optional<String> readOptional(DataInput in) throws IOException {
    return in.readBoolean() ? Optional.of(readString(in)) : Optional.empty();
  }
}
