package dev.palm.audit;

import dev.palm.events.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
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
    return WriterEncoding.withEmptyString(avro, offset, length, writer, "signature");
  }
}
