package dev.palm.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palm.audit.ChainVerifier;
import dev.palm.audit.CheckpointVerification;
import dev.palm.audit.CheckpointVerifier;
import dev.palm.audit.Checkpoints;
import dev.palm.audit.OffsetLedger;
import dev.palm.audit.VerificationResult;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.wire.AvroJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * The audit export format, JSON Lines (see {@code docs/export-format.md}): one audit record per
 * line in the {@link AvroJson} form, with every field including {@code prev_hash} and {@code hash},
 * plus a {@code _kafka} member saying where the record was read. {@link #verify(Path)} rebuilds
 * each record exactly and re-runs the chain verification offline, without Kafka or a schema
 * registry.
 */
public final class AuditExport {

  /** The metadata member with the record's Kafka topic, partition, offset and timestamp. */
  public static final String KAFKA_MEMBER = AvroJson.KAFKA_MEMBER;

  /** Member of a checkpoint line: the checkpoint in the JSON form of its fields, for people. */
  public static final String CHECKPOINT_MEMBER = "_checkpoint";

  /** Member of a checkpoint line: base64 of its Avro bytes as written (what is verified). */
  public static final String AVRO_MEMBER = "_avro";

  /** Member of a checkpoint line: the Avro schema (JSON) the checkpoint was written with. */
  public static final String WRITER_SCHEMA_MEMBER = "_writer_schema";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditExport() {}

  /** The export line of one entry (no trailing newline). */
  public static String line(AuditEntry entry) {
    return AvroJson.toJsonLine(
        AvroJson.toJson(
            entry.record(), entry.topic(), entry.partition(), entry.offset(), entry.timestamp()));
  }

  /** The export line of one checkpoint (no trailing newline); see docs/export-format.md. */
  public static String checkpointLine(AuditReader.ExportedCheckpoint checkpoint) {
    ObjectNode node = JSON.createObjectNode();
    node.set(CHECKPOINT_MEMBER, AvroJson.toJson(checkpoint.checkpoint()));
    node.put(AVRO_MEMBER, Base64.getEncoder().encodeToString(checkpoint.avro()));
    node.put(WRITER_SCHEMA_MEMBER, checkpoint.writerSchema().toString());
    return AvroJson.toJsonLine(node);
  }

  /**
   * The audit record of one export line.
   *
   * @throws IllegalArgumentException naming the member that is missing, unknown or of the wrong
   *     type
   */
  public static AuditRecord parse(String line) {
    return AvroJson.fromJsonLine(line, AuditRecord.class);
  }

  /**
   * The outcome of verifying an export file.
   *
   * @param file the file
   * @param lines non-blank lines read
   * @param chain the chain verdict
   * @param notes facts the reader should know, e.g. that the export starts mid-chain
   * @param checkpoints the verdict on the checkpoints the file carries, when it carries any and
   *     they were checked
   * @param uncovered records of the file that no checkpoint in it covers (a file cut, or made
   *     without checkpoints), when the file carries checkpoints
   * @param foreign records of the file at offsets its checkpoints list as foreign (left out)
   */
  public record FileVerification(
      Path file,
      long lines,
      VerificationResult chain,
      List<String> notes,
      Optional<CheckpointVerification> checkpoints,
      long uncovered,
      long foreign) {
    public FileVerification {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(chain, "chain");
      notes = List.copyOf(notes);
      Objects.requireNonNull(checkpoints, "checkpoints");
    }

    /** How many checkpoint lines the file holds. */
    public long checkpointCount() {
      return checkpoints.map(CheckpointVerification::checkpointsChecked).orElse(0L);
    }
  }

  /** Verifies the hash chain of an export file only (its checkpoints are not checked). */
  public static FileVerification verify(Path file) {
    return verify(file, CheckpointPolicy.none());
  }

  /**
   * Verifies an export file offline: every record line is rebuilt into its audit record and fed to
   * the chain verifier, from genesis when the first record is sequence 0, else trusting the first
   * record; with {@code policy} enabled, every checkpoint line is verified over the bytes its
   * writer signed, each checkpoint's range must be whole in the file, and every record must be
   * covered by a checkpoint in it (so a file cut at either end, or with a line changed, dropped or
   * added, fails). A line that cannot be rebuilt is reported as unreadable at {@code FILE:LINE}.
   *
   * @throws UncheckedIOException when the file cannot be read, naming it
   */
  public static FileVerification verify(Path file, CheckpointPolicy policy) {
    ChainVerifier verifier = null;
    boolean fromGenesis = false;
    long lines = 0;
    List<String> notes = new ArrayList<>();
    CheckpointVerifier checkpoints = policy.enabled() ? policy.newVerifier() : null;
    if (checkpoints != null) {
      checkpoints.requiringWholeRanges();
    }
    OffsetLedger ledger = new OffsetLedger();
    long checkpointLines = 0;
    long uncovered = 0;
    long foreign = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      long number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        lines++;
        String where = file.getFileName() + ":" + number;
        if (text.contains("\"" + AVRO_MEMBER + "\"")) {
          checkpointLines++;
          if (checkpoints == null) {
            continue;
          }
          try {
            ExportedLine line = checkpointOf(text);
            checkpoints.acceptCheckpoint(line.checkpoint(), line.signed());
            if (policy.mayList(line.checkpoint(), line.signed())) {
              ledger.accept(line.checkpoint());
            }
          } catch (IllegalArgumentException e) {
            if (verifier == null) {
              verifier = ChainVerifier.trustingFirst();
            }
            verifier.unreadable(where, "checkpoint line: " + e.getMessage());
          }
          continue;
        }
        AuditRecord record;
        long[] position;
        try {
          record = parse(text);
          position = positionOf(text);
        } catch (IllegalArgumentException e) {
          if (verifier == null) {
            verifier = ChainVerifier.trustingFirst();
          }
          verifier.unreadable(where, e.getMessage());
          continue;
        }
        if (checkpoints != null && checkpointLines > 0) {
          OffsetLedger.Standing standing = ledger.standing((int) position[0], position[1]);
          if (standing == OffsetLedger.Standing.FOREIGN) {
            foreign++;
            notes.add(where + " is at an offset a checkpoint lists as foreign: left out");
            continue;
          }
          if (standing != OffsetLedger.Standing.ACCOUNTED) {
            uncovered++;
          }
          checkpoints.acceptRecord(record);
        } else if (checkpoints != null) {
          uncovered++;
        }
        if (verifier == null) {
          fromGenesis = record.getSequence() == 0;
          verifier = fromGenesis ? ChainVerifier.fromGenesis() : ChainVerifier.trustingFirst();
        }
        verifier.accept(record);
      }
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("Export file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read export file " + file + ": " + e.getMessage(), e);
    }
    VerificationResult result =
        verifier == null ? ChainVerifier.trustingFirst().result() : verifier.result();
    if (!fromGenesis && result.firstSequence().isPresent()) {
      notes.add(
          "the export starts mid-chain at sequence "
              + result.firstSequence().getAsLong()
              + "; its first record's prev_hash is trusted"
              + (checkpointLines > 0 ? " (the checkpoints of the file cover that record)" : ""));
    }
    Optional<CheckpointVerification> verdict =
        checkpoints == null || checkpointLines == 0
            ? Optional.empty()
            : Optional.of(checkpoints.recordsReadToEnd().result());
    return new FileVerification(file, lines, result, notes, verdict, uncovered, foreign);
  }

  /**
   * A checkpoint read from its export form: the checkpoint as written and the bytes its signature
   * covers.
   *
   * @param checkpoint the checkpoint decoded from the writer's bytes
   * @param signed its canonical bytes under its writer schema
   */
  record ExportedLine(Checkpoint checkpoint, byte[] signed) {}

  private static ExportedLine checkpointOf(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    return checkpointOf(node);
  }

  /**
   * The checkpoint of an export checkpoint line's JSON object.
   *
   * @throws IllegalArgumentException when the members are missing or the bytes undecodable
   */
  static ExportedLine checkpointOf(JsonNode node) {
    JsonNode avro = node.get(AVRO_MEMBER);
    JsonNode schema = node.get(WRITER_SCHEMA_MEMBER);
    if (avro == null || !avro.isTextual() || schema == null || !schema.isTextual()) {
      throw new IllegalArgumentException(
          "a checkpoint line needs the string members "
              + AVRO_MEMBER
              + " and "
              + WRITER_SCHEMA_MEMBER);
    }
    try {
      Schema writer = new Schema.Parser().parse(schema.asText());
      byte[] bytes = Base64.getDecoder().decode(avro.asText());
      Checkpoint checkpoint =
          new SpecificDatumReader<Checkpoint>(writer, Checkpoint.getClassSchema())
              .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
      return new ExportedLine(
          checkpoint, Checkpoints.canonicalBytes(bytes, 0, bytes.length, writer));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("undecodable checkpoint: " + e.getMessage(), e);
    }
  }

  /** The partition and offset of a record line's {@code _kafka} member. */
  private static long[] positionOf(String text) {
    try {
      JsonNode kafka = JSON.readTree(text).get(KAFKA_MEMBER);
      if (kafka == null || !kafka.path("offset").canConvertToLong()) {
        return new long[] {-1, -1};
      }
      return new long[] {kafka.path("partition").asLong(-1), kafka.path("offset").asLong()};
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }
}
