package dev.palm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.events.AuditDetail;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.SourcePosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * The field-by-field audit record writer writes exactly Avro's bytes, and is only used for the
 * layout it was written for.
 */
class AuditRecordWriterTest {

  private static final DatumWriter<AuditRecord> AVRO = new SpecificDatumWriter<>(AuditRecord.class);

  @Property(tries = 500)
  void writesTheBytesAvroWrites(@ForAll("records") AuditRecord record) throws IOException {
    assertThat(encode(AuditRecordWriter.forSchema(AuditRecord.getClassSchema()), record))
        .isEqualTo(encode(AVRO, record));
  }

  @Test
  void theLayoutIsTheCurrentSchemas() {
    // fails when AuditRecord.avsc changes its binary layout: extend AuditRecordWriter, then update
    // LAYOUT_FINGERPRINT (until then, forSchema falls back to Avro's writer)
    assertThat(SchemaNormalization.parsingFingerprint64(AuditRecord.getClassSchema()))
        .isEqualTo(AuditRecordWriter.LAYOUT_FINGERPRINT);
    assertThat(AuditRecordWriter.forSchema(AuditRecord.getClassSchema()))
        .isInstanceOf(AuditRecordWriter.class);
  }

  @Test
  void anotherLayoutGetsAvrosWriter() {
    Schema other =
        SchemaBuilder.record("AuditRecord")
            .namespace("dev.palm.events")
            .fields()
            .requiredString("pack")
            .endRecord();
    assertThat(AuditRecordWriter.writes(other)).isFalse();
    assertThat(AuditRecordWriter.forSchema(other)).isInstanceOf(SpecificDatumWriter.class);
    DatumWriter<AuditRecord> mine = AuditRecordWriter.forSchema(AuditRecord.getClassSchema());
    assertThatThrownBy(() -> mine.setSchema(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("forSchema");
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    AuditRecord record = sample();
    record.put(12, null);
    assertThatThrownBy(
            () -> encode(AuditRecordWriter.forSchema(AuditRecord.getClassSchema()), record))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("actor_id");
  }

  private static byte[] encode(DatumWriter<AuditRecord> writer, AuditRecord record)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    writer.write(record, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }

  private static AuditRecord sample() {
    return AuditRecord.newBuilder()
        .setPack("ibank")
        .setPackVersion("1.0.0")
        .setSequence(7)
        .setPrevHash("ab")
        .setHash("")
        .setAlgorithm("sha256")
        .setRecordedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .setEventType(AuditEventType.DECISION)
        .setActorId("alice")
        .setActorType("human")
        .build();
  }

  @Provide
  Arbitrary<AuditRecord> records() {
    // any text, including non-ASCII and empty, for the strings Avro writes as UTF-8
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(24);
    Arbitrary<String> optional = text.injectNull(0.4);
    Arbitrary<List<String>> texts = text.list().ofMaxSize(5);
    Arbitrary<AuditDetail> detail =
        Combinators.combine(text, text).as((k, v) -> new AuditDetail(k, v));
    Arbitrary<SourcePosition> source =
        Combinators.combine(text, Arbitraries.integers(), Arbitraries.longs())
            .as(SourcePosition::new)
            .injectNull(0.4);
    Arbitrary<List<Object>> head =
        Combinators.combine(
                text,
                text,
                Arbitraries.longs(),
                text,
                text,
                text,
                Arbitraries.longs().between(-9_000_000_000_000L, 9_000_000_000_000L),
                Arbitraries.of(AuditEventType.class))
            .as(Arrays::<Object>asList);
    Arbitrary<List<Object>> middle =
        Combinators.combine(
                optional,
                optional,
                optional,
                optional,
                text,
                text,
                Arbitraries.of(Decision.class).injectNull(0.4))
            .as(Arrays::<Object>asList);
    Arbitrary<List<Object>> tail =
        Combinators.combine(
                texts, texts, texts, optional, optional, detail.list().ofMaxSize(6), source)
            .as(Arrays::<Object>asList);
    return Combinators.combine(head, middle, tail).as(AuditRecordWriterTest::record);
  }

  @SuppressWarnings("unchecked")
  private static AuditRecord record(List<Object> h, List<Object> m, List<Object> t) {
    AuditRecord r = new AuditRecord();
    r.put(0, h.get(0));
    r.put(1, h.get(1));
    r.put(2, h.get(2));
    r.put(3, h.get(3));
    r.put(4, h.get(4));
    r.put(5, h.get(5));
    r.put(6, Instant.ofEpochMilli((Long) h.get(6)));
    r.put(7, h.get(7));
    for (int i = 0; i < 7; i++) {
      r.put(8 + i, m.get(i));
    }
    for (int i = 0; i < 7; i++) {
      r.put(15 + i, t.get(i));
    }
    return r;
  }
}
