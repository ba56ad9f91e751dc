package dev.palm.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.audit.AuditChain;
import dev.palm.audit.ChainHead;
import dev.palm.audit.ChainVerifier;
import dev.palm.audit.Digests;
import dev.palm.events.AuditRecord;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.registry.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, finding 4: a record written under a newer registered schema version (one added optional
 * field), hashed under its writer schema as docs/audit-format.md §3 says, verifies INTACT — the
 * reader re-encodes it under the writer's schema, not under its own.
 */
@Tag("integration")
class WriterSchemaVerificationTest {

  private static final String PACK = "ibank";

  /** {@code schema} with one more optional string field {@code name} (default null). */
  private static Schema withOptionalField(Schema schema, String name) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    Schema optional =
        Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
    fields.add(new Schema.Field(name, optional, "added later", Schema.Field.NULL_DEFAULT_VALUE));
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema, SpecificData.get()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  @Test
  void aRecordOfANewerSchemaVersionIsHashedUnderItsWriterSchema() throws Exception {
    ClientConfig config = Fixture.config("writer-schema");
    Fixture.createTopics(config, PACK);
    String topic = config.layout().audit(PACK).name();
    Instant t0 = Fixture.base();
    AuditChain chain = new AuditChain(IntegrityAlgorithm.SHA256);

    AuditRecord first = chain.append(chain.genesis(), Fixture.draft(PACK, 0, t0));
    // the second record, as a newer writer with an added field 'region' writes and hashes it
    AuditRecord secondOurs =
        chain.append(ChainHead.after(first), Fixture.draft(PACK, 1, t0.plusSeconds(60)));
    Schema newer = withOptionalField(AuditRecord.getClassSchema(), "region");
    int newerId = config.serdes().client().register(topic + "-value", newer);
    GenericRecord second = new GenericData.Record(newer);
    for (Schema.Field f : AuditRecord.getClassSchema().getFields()) {
      second.put(f.name(), secondOurs.get(f.pos()));
    }
    second.put("region", "eu-west");
    second.put("hash", "");
    String writerHash = Digests.hexDigest(IntegrityAlgorithm.SHA256, encode(newer, second));
    second.put("hash", writerHash);
    AuditRecord secondAsRead = AuditRecord.newBuilder(secondOurs).setHash(writerHash).build();
    AuditRecord third =
        chain.append(ChainHead.after(secondAsRead), Fixture.draft(PACK, 2, t0.plusSeconds(120)));

    Fixture.writeAudit(config, PACK, List.of(first));
    Fixture.writeRaw(
        config, topic, PACK, WireFormat.frame(newerId, encode(newer, second)), t0.plusSeconds(60));
    Fixture.writeAudit(config, PACK, List.of(third));

    AuditReadSummary summary =
        new AuditReader(config)
            .verify(AuditQuery.builder(PACK).build(), CheckpointPolicy.none(), ReadProgress.NONE);

    assertThat(summary.chain().message()).contains("3 records");
    assertThat(summary.intact()).as(summary.chain().message()).isTrue();

    // what the reader did before: re-encoding the decoded record under its own schema
    ChainVerifier ownSchema = ChainVerifier.fromGenesis().expectingPack(PACK);
    ownSchema.accept(first);
    ownSchema.accept(secondAsRead);
    assertThat(ownSchema.result().intact()).isFalse();

    // and a record of the newer schema changed after hashing is still caught
    second.put("region", "us-east");
    byte[] tampered = encode(newer, second);
    byte[] canonical = AuditChain.canonicalBytes(tampered, 0, tampered.length, newer);
    assertThat(Digests.hexDigest(IntegrityAlgorithm.SHA256, canonical)).isNotEqualTo(writerHash);
  }
}
