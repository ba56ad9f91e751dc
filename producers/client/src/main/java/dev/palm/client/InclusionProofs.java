package dev.palm.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palm.audit.AuditChain;
import dev.palm.audit.CheckpointVerification;
import dev.palm.audit.CheckpointVerifier;
import dev.palm.audit.Digests;
import dev.palm.audit.MerkleTree;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Inclusion proofs (docs/audit-format.md §5.1, §6.3): that one audit record is in the range of a
 * signed checkpoint, checkable offline with only the pipeline's public key — without the other
 * records of the range.
 */
public final class InclusionProofs {

  /** The value of a proof's {@code proof} member. */
  public static final String FORMAT = "palm-inclusion-proof-v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClientConfig config;

  public InclusionProofs(ClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The proof (one JSON object) that record {@code sequence} is in a signed checkpoint, reading the
   * query's time range (whole checkpoint ranges, as an export does).
   *
   * @throws IllegalArgumentException naming why there is no proof: the record was not read, or no
   *     checkpoint covers it yet
   * @throws UnknownPackException when the pack has no audit topic
   */
  public String prove(AuditQuery query, long sequence, ReadProgress progress) {
    List<String> hashes = new ArrayList<>();
    AuditEntry[] target = {null};
    AuditReader.ExportedCheckpoint[] covering = {null};
    new AuditReader(config)
        .export(
            query,
            entry -> {
              Checkpoint c = covering[0] == null ? null : covering[0].checkpoint();
              long s = entry.record().getSequence();
              if (c != null && s >= c.getFirstSequence() && s <= c.getLastSequence()) {
                hashes.add(entry.record().getHash());
                if (s == sequence) {
                  target[0] = entry;
                }
              }
            },
            checkpoint -> {
              Checkpoint c = checkpoint.checkpoint();
              if (covering[0] == null
                  && c.getFirstSequence() <= sequence
                  && sequence <= c.getLastSequence()) {
                covering[0] = checkpoint;
              }
            },
            progress);
    if (covering[0] == null) {
      throw new IllegalArgumentException(
          "no signed checkpoint read covers record "
              + sequence
              + " of pack "
              + query.pack()
              + ": it is not in the range read (widen --from/--to), or it is newer than the last"
              + " checkpoint (wait for the pipeline's next one)");
    }
    Checkpoint checkpoint = covering[0].checkpoint();
    long size = checkpoint.getLastSequence() - checkpoint.getFirstSequence() + 1;
    if (target[0] == null || hashes.size() != size) {
      throw new IllegalArgumentException(
          "checkpoint "
              + checkpoint.getCheckpointId()
              + " covers records "
              + checkpoint.getFirstSequence()
              + ".."
              + checkpoint.getLastSequence()
              + " but "
              + hashes.size()
              + " of them were read; verify the trail (palm audit verify)");
    }
    int index = (int) (sequence - checkpoint.getFirstSequence());
    List<String> path =
        MerkleTree.inclusionPath(Digests.fromWireName(checkpoint.getAlgorithm()), hashes, index);
    ObjectNode proof = JSON.createObjectNode();
    proof.put("proof", FORMAT);
    proof.put("pack", query.pack());
    proof.put("sequence", sequence);
    proof.put("leaf_index", index);
    proof.put("tree_size", size);
    ArrayNode steps = proof.putArray("audit_path");
    path.forEach(steps::add);
    try {
      proof.set("record", JSON.readTree(AuditExport.line(target[0])));
      proof.set("checkpoint", JSON.readTree(AuditExport.checkpointLine(covering[0])));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return proof.toPrettyString();
  }

  /**
   * What checking a proof found.
   *
   * @param valid whether the record hashes right, the checkpoint is validly signed by a trusted key
   *     and the audit path leads from the record to the checkpoint's Merkle root
   * @param recordIntact whether the record's content hashes to its hash
   * @param checkpoint the verdict on the checkpoint's signature and key
   * @param message one sentence: what the proof proves, or the first reason it does not
   */
  public record Verdict(
      boolean valid,
      boolean recordIntact,
      Optional<CheckpointVerification> checkpoint,
      String message) {}

  /**
   * Checks a proof file offline.
   *
   * @throws IllegalArgumentException when the file is not a proof (naming what is wrong)
   * @throws UncheckedIOException when it cannot be read
   */
  public static Verdict verify(Path file, CheckpointPolicy policy) {
    JsonNode proof;
    try {
      proof = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("Proof file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not a JSON proof: " + e.getMessage(), e);
    }
    if (proof == null || !FORMAT.equals(proof.path("proof").asText())) {
      throw new IllegalArgumentException(
          file + " is not an inclusion proof (its \"proof\" member is not " + FORMAT + ")");
    }
    AuditRecord record = AuditExport.parse(proof.path("record").toString());
    AuditExport.ExportedLine line = AuditExport.checkpointOf(proof.path("checkpoint"));
    Checkpoint checkpoint = line.checkpoint();
    String recomputed = AuditChain.computeHash(record);
    if (!recomputed.equals(record.getHash())) {
      return new Verdict(
          false,
          false,
          Optional.empty(),
          "record "
              + record.getSequence()
              + " was modified: its content hashes to "
              + recomputed
              + " but its hash field says "
              + record.getHash());
    }
    CheckpointVerifier verifier = policy.newVerifier();
    verifier.acceptCheckpoint(checkpoint, line.signed());
    CheckpointVerification signed = verifier.result();
    if (!signed.valid() || !signed.pinned()) {
      return new Verdict(false, true, Optional.of(signed), signed.message());
    }
    long index = record.getSequence() - checkpoint.getFirstSequence();
    long size = checkpoint.getLastSequence() - checkpoint.getFirstSequence() + 1;
    List<String> path = new ArrayList<>();
    proof.path("audit_path").forEach(step -> path.add(step.asText()));
    boolean inTree =
        record.getPack().equals(checkpoint.getPack())
            && record.getAlgorithm().equals(checkpoint.getAlgorithm())
            && proof.path("leaf_index").asLong(-1) == index
            && proof.path("tree_size").asLong(-1) == size
            && MerkleTree.verifyInclusion(
                Digests.fromWireName(checkpoint.getAlgorithm()),
                record.getHash(),
                index,
                size,
                path,
                checkpoint.getMerkleRoot());
    if (!inTree) {
      return new Verdict(
          false,
          true,
          Optional.of(signed),
          "the audit path does not lead from record "
              + record.getSequence()
              + " to the Merkle root of checkpoint "
              + checkpoint.getCheckpointId()
              + " of pack '"
              + checkpoint.getPack()
              + "' (records "
              + checkpoint.getFirstSequence()
              + ".."
              + checkpoint.getLastSequence()
              + ")");
    }
    return new Verdict(
        true,
        true,
        Optional.of(signed),
        "record "
            + record.getSequence()
            + " of pack '"
            + record.getPack()
            + "' ("
            + record.getEventType()
            + ", hash "
            + record.getHash()
            + ") is in checkpoint "
            + checkpoint.getCheckpointId()
            + " (records "
            + checkpoint.getFirstSequence()
            + ".."
            + checkpoint.getLastSequence()
            + ", made "
            + checkpoint.getCreatedAt()
            + "), signed by key "
            + checkpoint.getSigningKeyId());
  }
}
