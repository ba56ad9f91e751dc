package dev.palm.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.audit.CheckpointRange;
import dev.palm.audit.CheckpointSigner;
import dev.palm.audit.CheckpointVerification;
import dev.palm.audit.MerkleTree;
import dev.palm.audit.OffsetBinding;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.events.ForeignRecord;
import dev.palm.packs.IntegrityAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline verification of an export file takes the list of foreign records only from checkpoints
 * signed by a trusted key: a checkpoint of the attacker's cannot make a genuine record disappear.
 */
class ExportFileTrustTest {

  private static final String PACK = "ibank";
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void onlyATrustedCheckpointCanCallARecordForeign() throws IOException {
    CheckpointSigner pipeline = CheckpointSigner.ephemeral();
    CheckpointSigner attacker = CheckpointSigner.ephemeral();
    List<AuditRecord> records = Fixture.chain(PACK, 2, T0, Duration.ofSeconds(1));
    String root =
        MerkleTree.root(
            IntegrityAlgorithm.SHA256, records.stream().map(AuditRecord::getHash).toList());
    // the pipeline's checkpoint: records 0 and 1 at offsets 0 and 2, offset 1 foreign
    Checkpoint genuine =
        checkpoint(pipeline, root, records, new ForeignRecord(1L, "00", "no pipeline seal"));
    List<String> lines = new ArrayList<>();
    lines.add(line(genuine));
    lines.add(recordLine(records.get(0), 0));
    lines.add(recordLine(records.get(1), 2));
    CheckpointPolicy trusting = CheckpointPolicy.trusting(List.of(pipeline.publicKey()));
    AuditExport.FileVerification honest = AuditExport.verify(write("honest", lines), trusting);
    assertThat(honest.chain().intact()).isTrue();
    assertThat(honest.checkpoints()).map(CheckpointVerification::valid).contains(true);
    assertThat(honest.uncovered()).isZero();

    // the attacker's checkpoint calls the genuine record at offset 2 foreign
    Checkpoint forged =
        checkpoint(attacker, root, records, new ForeignRecord(2L, "00", "no pipeline seal"));
    List<String> attacked = new ArrayList<>();
    attacked.add(line(forged));
    attacked.add(recordLine(records.get(0), 0));
    attacked.add(recordLine(records.get(1), 2));
    AuditExport.FileVerification verdict =
        AuditExport.verify(write("attacked", attacked), trusting);
    assertThat(verdict.foreign()).isZero(); // the genuine record was not hidden
    assertThat(verdict.chain().recordsChecked()).isEqualTo(2);
    assertThat(verdict.checkpoints())
        .map(CheckpointVerification::status)
        .contains(CheckpointVerification.Status.UNTRUSTED_KEY);
  }

  private static Checkpoint checkpoint(
      CheckpointSigner signer, String root, List<AuditRecord> records, ForeignRecord foreign) {
    return signer.build(
        PACK,
        "1.0.0",
        0,
        T0.plusSeconds(60),
        IntegrityAlgorithm.SHA256,
        new CheckpointRange(
            0,
            1,
            records.get(1).getHash(),
            root,
            Optional.of(new OffsetBinding(0, 0, 3, List.of(foreign)))),
        List.of(),
        Optional.empty());
  }

  private static String line(Checkpoint checkpoint) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(Checkpoint.class).write(checkpoint, encoder);
    encoder.flush();
    return AuditExport.checkpointLine(
        new AuditReader.ExportedCheckpoint(
            checkpoint, out.toByteArray(), Checkpoint.getClassSchema()));
  }

  private static String recordLine(AuditRecord record, long offset) {
    return AuditExport.line(
        new AuditEntry(record, "palm." + PACK + ".audit", 0, offset, record.getRecordedAt()));
  }

  private Path write(String name, List<String> lines) throws IOException {
    Path file = dir.resolve(name + ".jsonl");
    Files.write(file, lines);
    return file;
  }
}
