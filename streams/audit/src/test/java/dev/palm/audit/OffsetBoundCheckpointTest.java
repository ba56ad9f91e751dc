package dev.palm.audit;

import static dev.palm.audit.AuditFixtures.T0;
import static dev.palm.audit.AuditFixtures.chain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.audit.OffsetLedger.Standing;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.events.ForeignRecord;
import dev.palm.packs.IntegrityAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints that bind audit offsets (docs/audit-format.md §6, §6.2): where each record stands,
 * the adjacency of offset ranges, trust on first use, and signatures over the writer schema.
 */
class OffsetBoundCheckpointTest {

  private static final java.security.KeyPair PAIR = SigningKeys.generate();
  private static final CheckpointSigner SIGNER = new CheckpointSigner(PAIR);
  private static final List<AuditRecord> CHAIN = chain(IntegrityAlgorithm.SHA256, "ibank", 4);

  private static Checkpoint checkpoint(
      long id,
      long first,
      long last,
      Optional<String> prev,
      OffsetBinding offsets,
      CheckpointSigner signer) {
    List<String> hashes =
        CHAIN.subList((int) first, (int) last + 1).stream().map(AuditRecord::getHash).toList();
    String head =
        last >= 0
            ? CHAIN.get((int) last).getHash()
            : Digests.genesisHash(IntegrityAlgorithm.SHA256);
    return signer.build(
        "ibank",
        "1.0.0",
        id,
        T0.plusSeconds(60 * (id + 1)),
        IntegrityAlgorithm.SHA256,
        new CheckpointRange(
            first,
            last,
            head,
            MerkleTree.root(IntegrityAlgorithm.SHA256, hashes),
            Optional.of(offsets)),
        List.of(),
        prev);
  }

  private static ForeignRecord foreign(long offset) {
    return new ForeignRecord(offset, "00", "no pipeline seal");
  }

  @Test
  void ledgerPlacesEachRecordByTheCheckpointsRead() {
    OffsetLedger ledger = new OffsetLedger();
    assertThat(ledger.standing(0, 0)).isEqualTo(Standing.UNBOUND);
    Checkpoint first =
        checkpoint(
            0, 0, 1, Optional.empty(), new OffsetBinding(0, 5, 9, List.of(foreign(6))), SIGNER);
    ledger.accept(first);
    assertThat(ledger.bound()).isTrue();
    assertThat(ledger.standing(0, 4)).isEqualTo(Standing.UNBOUND); // before the first bound one
    assertThat(ledger.standing(0, 5)).isEqualTo(Standing.ACCOUNTED);
    assertThat(ledger.standing(0, 6)).isEqualTo(Standing.FOREIGN);
    assertThat(ledger.listed(6)).map(ForeignRecord::getReason).contains("no pipeline seal");
    assertThat(ledger.standing(1, 7)).isEqualTo(Standing.FOREIGN); // not the chain's partition
    assertThat(ledger.standing(0, 8)).isEqualTo(Standing.ACCOUNTED);
    assertThat(ledger.standing(0, 9)).isEqualTo(Standing.TAIL);
    ledger.accept(
        checkpoint(
            1,
            2,
            3,
            Optional.of(first.getSignature()),
            new OffsetBinding(0, 9, 12, List.of(foreign(11))),
            SIGNER));
    assertThat(ledger.standing(0, 9)).isEqualTo(Standing.ACCOUNTED);
    assertThat(ledger.standing(0, 11)).isEqualTo(Standing.FOREIGN);
    assertThat(ledger.standing(0, 12)).isEqualTo(Standing.TAIL);
    assertThat(ledger.endOffset()).isEqualTo(12);
  }

  @Test
  void offsetRangesMustBeAdjacentAndInOnePartition() {
    Checkpoint first =
        checkpoint(0, 0, 1, Optional.empty(), new OffsetBinding(0, 0, 2, List.of()), SIGNER);
    Checkpoint adjacent =
        checkpoint(
            1,
            2,
            3,
            Optional.of(first.getSignature()),
            new OffsetBinding(0, 2, 5, List.of()),
            SIGNER);
    Checkpoint skipsOffsets =
        checkpoint(
            1,
            2,
            3,
            Optional.of(first.getSignature()),
            new OffsetBinding(0, 3, 5, List.of()),
            SIGNER);
    Checkpoint otherPartition =
        checkpoint(
            1,
            2,
            3,
            Optional.of(first.getSignature()),
            new OffsetBinding(1, 2, 5, List.of()),
            SIGNER);

    assertThat(verdict(first, adjacent).valid()).isTrue();
    CheckpointVerification skipped = verdict(first, skipsOffsets);
    assertThat(skipped.status()).isEqualTo(CheckpointVerification.Status.BROKEN_CHAIN);
    assertThat(skipped.message())
        .contains("accounts for offsets from 0@3")
        .contains("ended at 0@2");
    assertThat(verdict(first, otherPartition).status())
        .isEqualTo(CheckpointVerification.Status.BROKEN_CHAIN);
  }

  private static CheckpointVerification verdict(Checkpoint... checkpoints) {
    CheckpointVerifier verifier = CheckpointVerifier.trusting(List.of(SIGNER.publicKey()));
    for (Checkpoint c : checkpoints) {
      verifier.acceptCheckpoint(c);
    }
    CHAIN.forEach(verifier::acceptRecord);
    return verifier.recordsReadToEnd().result();
  }

  @Test
  void trustOnFirstUseTrustsTheFirstKeyOnlyAndNamesIt() {
    Checkpoint first =
        checkpoint(0, 0, 1, Optional.empty(), new OffsetBinding(0, 0, 2, List.of()), SIGNER);
    CheckpointSigner stranger = CheckpointSigner.ephemeral();
    Checkpoint foreignSigned =
        checkpoint(
            1,
            2,
            3,
            Optional.of(first.getSignature()),
            new OffsetBinding(0, 2, 4, List.of()),
            stranger);

    CheckpointVerifier tofu = CheckpointVerifier.trustingFirstKey();
    tofu.acceptCheckpoint(first);
    CHAIN.subList(0, 2).forEach(tofu::acceptRecord);
    CheckpointVerification one = tofu.result();
    assertThat(one.valid()).isTrue();
    assertThat(one.pinned()).isTrue();
    assertThat(one.message()).contains("key " + SIGNER.keyId() + " trusted on first use");

    tofu.acceptCheckpoint(foreignSigned);
    CheckpointVerification two = tofu.result();
    assertThat(two.status()).isEqualTo(CheckpointVerification.Status.UNTRUSTED_KEY);
    assertThat(two.keyChanges()).singleElement().asString().contains(stranger.keyId());
  }

  @Test
  void aCheckpointWrittenUnderSchemaVersionOneVerifiesOverItsWriterSchema() throws Exception {
    Schema v1 =
        new Schema.Parser()
            .parse(
                Files.readString(repositoryRoot().resolve("schemas/history/Checkpoint/v1.avsc")));
    // what a version-1 pipeline wrote: its 14 fields, signed over their encoding
    Checkpoint current =
        checkpoint(0, 0, 1, Optional.empty(), new OffsetBinding(0, 0, 2, List.of()), SIGNER);
    GenericRecord old = new GenericData.Record(v1);
    for (Schema.Field field : v1.getFields()) {
      Object value = current.get(field.name());
      if (value instanceof java.time.Instant instant) {
        value = instant.toEpochMilli();
      }
      if (value instanceof List<?> details) {
        GenericData.Array<GenericRecord> array =
            new GenericData.Array<>(details.size(), field.schema());
        for (Object d : details) {
          GenericRecord r = new GenericData.Record(field.schema().getElementType());
          r.put("key", ((dev.palm.events.AuditDetail) d).getKey());
          r.put("value", ((dev.palm.events.AuditDetail) d).getValue());
          array.add(r);
        }
        value = array;
      }
      old.put(field.name(), value);
    }
    old.put("signature", "");
    byte[] unsigned = encode(v1, old);
    byte[] signature = SigningKeys.sign(PAIR.getPrivate(), unsigned);
    old.put("signature", Base64.getEncoder().encodeToString(signature));
    byte[] written = encode(v1, old);

    Checkpoint read =
        new SpecificDatumReader<Checkpoint>(v1, Checkpoint.getClassSchema())
            .read(null, DecoderFactory.get().binaryDecoder(written, null));
    assertThat(read.getFirstOffset()).isEqualTo(-1); // unbound: no offsets in version 1
    byte[] canonical = Checkpoints.canonicalBytes(written, 0, written.length, v1);
    assertThat(canonical).isEqualTo(unsigned);
    assertThat(CheckpointVerifier.signatureValid(read, canonical)).isTrue();
    // re-encoded under today's schema it would not verify: the writer schema is what counts
    assertThat(CheckpointVerifier.signatureValid(read)).isFalse();
  }

  private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("schemas/history"))) {
      dir = dir.getParent();
    }
    return dir;
  }
}
