package dev.palm.registry;

import dev.palm.events.AuditDetail;
import dev.palm.events.AuditRecord;
import dev.palm.events.SourcePosition;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes an {@link AuditRecord} in Avro binary field by field: byte for byte what {@link
 * SpecificDatumWriter} writes (a property test compares them), without the generic writer's
 * per-field schema walk, union resolution by type name and enum lookup by symbol. Every audit
 * record is encoded twice (canonically, to hash it, and to publish it), which made Avro's generic
 * writer a fifth of the pipeline's work (docs/benchmarks.md). The layout is the one of {@link
 * #LAYOUT_FINGERPRINT}; for any other schema {@link #forSchema} returns the generic writer, so a
 * schema change can never produce wrong bytes here.
 */
public final class AuditRecordWriter implements DatumWriter<AuditRecord> {

  /**
   * The 64-bit fingerprint of the Parsing Canonical Form (which is what decides the binary layout)
   * of the {@code AuditRecord} schema this writer was written for.
   */
  public static final long LAYOUT_FINGERPRINT = -1888326646344738517L;

  private static final AuditRecordWriter INSTANCE = new AuditRecordWriter();

  private AuditRecordWriter() {}

  /** Whether {@code schema} has the layout this writer writes. */
  public static boolean writes(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema) == LAYOUT_FINGERPRINT;
  }

  /**
   * The writer of audit records under {@code schema}: this one when the schema has its layout, else
   * Avro's generic one.
   */
  public static DatumWriter<AuditRecord> forSchema(Schema schema) {
    return writes(schema) ? INSTANCE : new SpecificDatumWriter<>(schema);
  }

  @Override
  public void setSchema(Schema schema) {
    if (!writes(schema)) {
      throw new IllegalArgumentException(
          "AuditRecordWriter writes only its own layout; use AuditRecordWriter.forSchema");
    }
  }

  @Override
  public void write(AuditRecord r, Encoder out) throws IOException {
    string(out, r.get(0), "pack");
    string(out, r.get(1), "pack_version");
    out.writeLong((Long) required(r.get(2), "sequence"));
    string(out, r.get(3), "prev_hash");
    string(out, r.get(4), "hash");
    string(out, r.get(5), "algorithm");
    out.writeLong(((Instant) required(r.get(6), "recorded_at")).toEpochMilli());
    out.writeEnum(((Enum<?>) required(r.get(7), "event_type")).ordinal());
    optionalString(out, r.get(8));
    optionalString(out, r.get(9));
    optionalString(out, r.get(10));
    optionalString(out, r.get(11));
    string(out, r.get(12), "actor_id");
    string(out, r.get(13), "actor_type");
    Object decision = r.get(14);
    if (decision == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeEnum(((Enum<?>) decision).ordinal());
    }
    strings(out, r.get(15), "rule_ids");
    strings(out, r.get(16), "reason_codes");
    strings(out, r.get(17), "messages");
    optionalString(out, r.get(18));
    optionalString(out, r.get(19));
    Collection<?> details = (Collection<?>) required(r.get(20), "details");
    out.writeArrayStart();
    out.setItemCount(details.size());
    for (Object item : details) {
      out.startItem();
      AuditDetail detail = (AuditDetail) required(item, "details[]");
      string(out, detail.get(0), "details[].key");
      string(out, detail.get(1), "details[].value");
    }
    out.writeArrayEnd();
    Object source = r.get(21);
    if (source == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      SourcePosition position = (SourcePosition) source;
      string(out, position.get(0), "source.topic");
      out.writeInt((Integer) required(position.get(1), "source.partition"));
      out.writeLong((Long) required(position.get(2), "source.offset"));
    }
  }

  private static Object required(Object value, String field) {
    return Objects.requireNonNull(
        value, () -> "null value for (non-nullable) field AuditRecord." + field);
  }

  private static void string(Encoder out, Object value, String field) throws IOException {
    out.writeString((CharSequence) required(value, field));
  }

  private static void optionalString(Encoder out, Object value) throws IOException {
    if (value == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeString((CharSequence) value);
    }
  }

  private static void strings(Encoder out, Object value, String field) throws IOException {
    Collection<?> items = (Collection<?>) required(value, field);
    out.writeArrayStart();
    out.setItemCount(items.size());
    for (Object item : items) {
      out.startItem();
      string(out, item, field + "[]");
    }
    out.writeArrayEnd();
  }
}
