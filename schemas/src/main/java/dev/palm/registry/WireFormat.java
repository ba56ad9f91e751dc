package dev.palm.registry;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format of a record value: magic byte {@code 0}, the schema id as 4 bytes
 * big-endian, then the Avro binary encoding of the value under that schema. Any
 * Confluent-compatible consumer reads it.
 */
public final class WireFormat {

  /** The first byte of every framed value. */
  public static final byte MAGIC = 0;

  /** Magic byte plus schema id. */
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /** The 5-byte header for schema {@code id}. */
  public static byte[] header(int id) {
    return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC).putInt(id).array();
  }

  /** {@code avro} framed with the header of schema {@code id}. */
  public static byte[] frame(int id, byte[] avro) {
    return ByteBuffer.allocate(HEADER_LENGTH + avro.length).put(MAGIC).putInt(id).put(avro).array();
  }

  /**
   * The schema id of a framed value.
   *
   * @throws SerializationException naming the topic when the bytes are not in the wire format (a
   *     poison pill)
   */
  public static int schemaId(String topic, byte[] data) {
    if (data.length < HEADER_LENGTH) {
      throw new SerializationException(
          "Value on topic "
              + topic
              + " is "
              + data.length
              + " byte(s) long, too"
              + " short for the Confluent wire format (magic byte 0 + 4-byte schema id + Avro)");
    }
    if (data[0] != MAGIC) {
      throw new SerializationException(
          "Value on topic "
              + topic
              + " starts with byte "
              + (data[0] & 0xff)
              + ", not the Confluent wire format's magic byte 0");
    }
    return ByteBuffer.wrap(data, 1, 4).getInt();
  }
}
