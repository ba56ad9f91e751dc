package dev.palm.client;

import dev.palm.audit.ChainVerifier;
import dev.palm.audit.VerificationResult;
import dev.palm.events.AuditRecord;
import dev.palm.wire.AvroJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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

  private AuditExport() {}

  /** The export line of one entry (no trailing newline). */
  public static String line(AuditEntry entry) {
    return AvroJson.toJsonLine(
        AvroJson.toJson(
            entry.record(), entry.topic(), entry.partition(), entry.offset(), entry.timestamp()));
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
   */
  public record FileVerification(
      Path file, long lines, VerificationResult chain, List<String> notes) {
    public FileVerification {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(chain, "chain");
      notes = List.copyOf(notes);
    }
  }

  /**
   * Verifies an export file offline: every line is rebuilt into its audit record and fed to the
   * chain verifier, from genesis when the first record is sequence 0, else trusting the first
   * record. A line that cannot be rebuilt is reported as unreadable at {@code FILE:LINE}.
   *
   * @throws UncheckedIOException when the file cannot be read, naming it
   */
  public static FileVerification verify(Path file) {
    ChainVerifier verifier = null;
    boolean fromGenesis = false;
    long lines = 0;
    List<String> notes = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      long number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        lines++;
        AuditRecord record;
        try {
          record = parse(text);
        } catch (IllegalArgumentException e) {
          if (verifier == null) {
            verifier = ChainVerifier.trustingFirst();
          }
          verifier.unreadable(file.getFileName() + ":" + number, e.getMessage());
          continue;
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
              + "; its first record's prev_hash is trusted");
    }
    return new FileVerification(file, lines, result, notes);
  }
}
