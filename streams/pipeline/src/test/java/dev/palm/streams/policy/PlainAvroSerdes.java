package dev.palm.streams.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Registry-free Avro serdes for topology tests: one marker byte, then the Avro binary encoding with
 * the generated class's schema. Decoding is strict (marker, and no trailing bytes), so garbage
 * fails like a poison pill does against the registry serde.
 */
public final class PlainAvroSerdes implements EventSerdes {

  /** First byte of every value, standing in for the registry's magic byte. */
  public static final byte MARKER = 0x50;

  @Override
  public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
    Schema schema = SpecificData.get().getSchema(type);
    Serializer<T> serializer = (topic, value) -> value == null ? null : encode(schema, value);
    Deserializer<T> deserializer =
        (topic, bytes) -> bytes == null ? null : decode(schema, type, topic, bytes);
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private static <T> byte[] encode(Schema schema, T value) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(MARKER);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new SpecificDatumWriter<T>(schema).write(value, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new SerializationException("cannot encode " + schema.getName(), e);
    }
  }

  private static <T> T decode(Schema schema, Class<T> type, String topic, byte[] bytes) {
    if (bytes.length == 0 || bytes[0] != MARKER) {
      throw new SerializationException(
          "value on " + topic + " is not a plain-Avro " + type.getSimpleName());
    }
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, null);
      T value = new SpecificDatumReader<T>(schema).read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException(
            "value on " + topic + " has trailing bytes after a " + type.getSimpleName());
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot decode a " + type.getSimpleName() + " from " + topic + ": " + e.getMessage(), e);
    }
  }
}
