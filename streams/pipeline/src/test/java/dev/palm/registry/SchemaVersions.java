package dev.palm.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;

/**
 * Test helpers for schema evolution: a later schema version, and plain Avro bytes under any schema.
 */
public final class SchemaVersions {

  private SchemaVersions() {}

  /** {@code schema} with one more field {@code name}: an optional string defaulting to null. */
  public static Schema withOptionalField(Schema schema, String name) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    Schema optional =
        Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
    fields.add(
        new Schema.Field(
            name, optional, "added in a later version", Schema.Field.NULL_DEFAULT_VALUE));
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  /**
   * The Avro binary encoding of {@code value} (generic or generated) under {@code schema}, no
   * header.
   */
  public static byte[] plainAvro(Schema schema, Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<Object>(schema, SpecificData.get()).write(value, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
