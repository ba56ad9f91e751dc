package dev.palm.audit;

import dev.palm.events.AuditDetail;
import dev.palm.events.Checkpoint;
import dev.palm.packs.IntegrityAlgorithm;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds and signs {@link Checkpoint}s with the pipeline's Ed25519 key. Thread-safe (a fresh {@code
 * java.security.Signature} per call, in {@link SigningKeys#sign}).
 */
public final class CheckpointSigner {

  private final KeyPair keyPair;
  private final String keyId;
  private final String publicKeyBase64;

  /** A signer with the given Ed25519 key pair. */
  public CheckpointSigner(KeyPair keyPair) {
    this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
    if (!SigningKeys.ALGORITHM.equalsIgnoreCase(keyPair.getPublic().getAlgorithm())
        && !"EdDSA".equalsIgnoreCase(keyPair.getPublic().getAlgorithm())) {
      throw new IllegalArgumentException(
          "checkpoint keys must be Ed25519, got " + keyPair.getPublic().getAlgorithm());
    }
    this.keyId = SigningKeys.keyId(keyPair.getPublic());
    this.publicKeyBase64 = SigningKeys.publicKeyBase64(keyPair.getPublic());
  }

  /** A signer with the key pair in {@code keyFile}, generating it there on first use. */
  public static CheckpointSigner loadOrCreate(Path keyFile) {
    return new CheckpointSigner(SigningKeys.loadOrCreate(keyFile));
  }

  /** A signer with a fresh in-memory key (tests, throwaway runs). */
  public static CheckpointSigner ephemeral() {
    return new CheckpointSigner(SigningKeys.generate());
  }

  /** The public key that verifies this signer's checkpoints. */
  public PublicKey publicKey() {
    return keyPair.getPublic();
  }

  /** The public key as written in checkpoints (base64 X.509). */
  public String publicKeyBase64() {
    return publicKeyBase64;
  }

  /** The key id written in checkpoints. */
  public String keyId() {
    return keyId;
  }

  /**
   * The key that seals the audit records this pipeline writes ({@link RecordSeal}), derived from
   * the private signing key so that only the holder of that key can make or check seals.
   */
  public RecordSeal recordSeal() {
    return RecordSeal.derivedFrom(keyPair.getPrivate());
  }

  /**
   * Builds a signed checkpoint.
   *
   * @param checkpointId position in the pack's checkpoint chain (0 for the first)
   * @param prevSignature signature of checkpoint {@code checkpointId - 1}; empty exactly when the
   *     id is 0
   * @param stateSummary state facts; sorted by key here, keys must be unique
   */
  public Checkpoint build(
      String pack,
      String packVersion,
      long checkpointId,
      Instant createdAt,
      IntegrityAlgorithm algorithm,
      CheckpointRange range,
      List<AuditDetail> stateSummary,
      Optional<String> prevSignature) {
    if (checkpointId < 0) {
      throw new IllegalArgumentException("checkpoint id must be >= 0, got " + checkpointId);
    }
    if ((checkpointId == 0) != prevSignature.isEmpty()) {
      throw new IllegalArgumentException(
          "checkpoint "
              + checkpointId
              + " of pack '"
              + pack
              + "' "
              + (checkpointId == 0 ? "is the first and cannot have" : "needs")
              + " a previous signature");
    }
    List<AuditDetail> summary = new ArrayList<>(stateSummary);
    summary.sort(Comparator.comparing(AuditDetail::getKey));
    for (int i = 1; i < summary.size(); i++) {
      if (summary.get(i).getKey().equals(summary.get(i - 1).getKey())) {
        throw new IllegalArgumentException(
            "state summary of pack '" + pack + "' has key '" + summary.get(i).getKey() + "' twice");
      }
    }
    Checkpoint unsigned =
        Checkpoint.newBuilder()
            .setPack(pack)
            .setPackVersion(packVersion)
            .setCheckpointId(checkpointId)
            .setCreatedAt(createdAt.truncatedTo(ChronoUnit.MILLIS))
            .setFirstSequence(range.firstSequence())
            .setLastSequence(range.lastSequence())
            .setHeadHash(range.headHash())
            .setMerkleRoot(range.merkleRoot())
            .setAlgorithm(Digests.wireName(algorithm))
            .setStateSummary(summary)
            .setPrevSignature(prevSignature.orElse(null))
            .setSignature("")
            .setSigningKeyId(keyId)
            .setPublicKey(publicKeyBase64)
            .build();
    range
        .offsets()
        .ifPresent(
            offsets -> {
              unsigned.setAuditPartition(offsets.auditPartition());
              unsigned.setFirstOffset(offsets.firstOffset());
              unsigned.setEndOffset(offsets.endOffset());
              unsigned.setForeignRecords(offsets.foreign());
            });
    return sign(unsigned);
  }

  /**
   * Returns a copy of {@code checkpoint} with this signer's key id and public key, signed over its
   * {@linkplain Checkpoints#canonicalBytes canonical bytes}.
   */
  public Checkpoint sign(Checkpoint checkpoint) {
    Checkpoint withKey =
        Checkpoint.newBuilder(checkpoint)
            .setSigningKeyId(keyId)
            .setPublicKey(publicKeyBase64)
            .setSignature("")
            .build();
    try {
      withKey.setSignature(
          Base64.getEncoder()
              .encodeToString(
                  SigningKeys.sign(keyPair.getPrivate(), Checkpoints.canonicalBytes(withKey))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot sign checkpoint "
              + checkpoint.getCheckpointId()
              + " of pack '"
              + checkpoint.getPack()
              + "' with Ed25519",
          e);
    }
    return withKey;
  }
}
