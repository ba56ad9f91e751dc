package dev.palm.audit;

import dev.palm.events.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/** The canonical encoding of a {@link Checkpoint}, which is what its Ed25519 signature covers. */
public final class Checkpoints {

  private Checkpoints() {}

  /**
   * The bytes a checkpoint's signature covers: its Avro binary encoding under the {@code
   * Checkpoint} schema with {@code signature} set to the empty string (all other fields, including
   * {@code public_key}, {@code signing_key_id} and {@code prev_signature}, as they are). The
   * checkpoint is not modified.
   */
  public static byte[] canonicalBytes(Checkpoint checkpoint) {
    Checkpoint copy = Checkpoint.newBuilder(checkpoint).setSignature("").build();
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new SpecificDatumWriter<>(Checkpoint.class).write(copy, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode checkpoint " + checkpoint.getCheckpointId(), e);
    }
    return out.toByteArray();
  }

  /**
   * The bytes a checkpoint's signature covers, as its writer encoded it (docs/audit-format.md §6):
   * {@code avro} is the checkpoint's Avro binary encoding under {@code writer} (the schema its
   * wire-format id names); the result is the same checkpoint re-encoded under that schema with
   * {@code signature} set to the empty string. So a checkpoint written under an older or newer
   * schema version verifies as it was signed.
   *
   * @throws IllegalArgumentException when the bytes are no record of {@code writer}, or the schema
   *     has no string field {@code signature}
   */
  public static byte[] canonicalBytes(byte[] avro, int offset, int length, Schema writer) {
    Schema.Field signature = writer.getField("signature");
    if (signature == null || signature.schema().getType() != Schema.Type.STRING) {
      throw new IllegalArgumentException(
          "writer schema " + writer.getFullName() + " has no string field 'signature'");
    }
    try {
      GenericRecord record =
          new GenericDatumReader<GenericRecord>(writer)
              .read(null, DecoderFactory.get().binaryDecoder(avro, offset, length, null));
      record.put(signature.pos(), "");
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
