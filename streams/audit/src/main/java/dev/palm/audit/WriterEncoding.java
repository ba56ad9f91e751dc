package dev.palm.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Re-encoding under the writer's own schema, shared by the canonical forms of audit records (hash
 * blanked) and checkpoints (signature blanked): docs/audit-format.md §3 and §6.
 */
final class WriterEncoding {

  private WriterEncoding() {}

  /**
   * {@code avro} (a record's Avro binary encoding under {@code writer}) re-encoded under {@code
   * writer} with the string field {@code field} set to the empty string.
   *
   * @throws IllegalArgumentException when the bytes are no record of {@code writer}, or the schema
   *     has no string field {@code field}
   */
  static byte[] withEmptyString(byte[] avro, int offset, int length, Schema writer, String field) {
    Schema.Field blanked = writer.getField(field);
    if (blanked == null || blanked.schema().getType() != Schema.Type.STRING) {
      throw new IllegalArgumentException(
          "writer schema " + writer.getFullName() + " has no string field '" + field + "'");
    }
    try {
      GenericRecord record =
          new GenericDatumReader<GenericRecord>(writer)
              .read(null, DecoderFactory.get().binaryDecoder(avro, offset, length, null));
      record.put(blanked.pos(), "");
      ByteArrayOutputStream out = new ByteArrayOutputStream(length);
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "not an Avro record of writer schema " + writer.getFullName() + ": " + e.getMessage(), e);
    }
  }
}
