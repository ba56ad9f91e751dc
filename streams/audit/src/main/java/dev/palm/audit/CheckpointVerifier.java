package dev.palm.audit;

import dev.palm.audit.CheckpointVerification.Status;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks one pack's checkpoints: each signature (Ed25519 over {@link Checkpoints#canonicalBytes}),
 * optionally that the signing key is trusted, that consecutive checkpoints chain ({@code
 * checkpoint_id + 1}, {@code prev_signature}, adjacent ranges), and that the audit records of each
 * range give its {@code head_hash} and {@code merkle_root}.
 *
 * <p>Feed checkpoints in id order with {@link #acceptCheckpoint} and audit records in sequence
 * order with {@link #acceptRecord}; a checkpoint must be fed before the records of its range
 * (simplest: all checkpoints of the period first, then the records). Records are matched with a
 * {@link MerkleFrontier}, so memory is O(pending checkpoints + log(range size)). A checkpoint whose
 * range starts before the first record read, or ends after the last one, is counted as unchecked
 * rather than failed, unless {@link #recordsReadToEnd()} says the records were read to the end of
 * the chain (then missing trailing records are a mismatch).
 *
 * <p>Not thread-safe; use one instance per pass.
 */
public final class CheckpointVerifier {

  private Optional<Set<String>> trustedKeys;

  /**
   * Trust the key of the first validly signed checkpoint (and no other): see {@link
   * #trustingFirstKey}.
   */
  private boolean firstUse;

  private String firstUseKeyId;

  private Checkpoint previous;
  private final Deque<Checkpoint> pending = new ArrayDeque<>();

  /** Frontier of the head of {@link #pending}, or null while none of its records has been read. */
  private MerkleFrontier frontier;

  private long nextInRange;
  private String rangeHead;

  /**
   * The head of pending was entered mid-range (records before it were not read): it cannot be
   * matched.
   */
  private boolean partial;

  private boolean sawRecord;
  private boolean readToEnd;

  /** Every range must be read whole (an export file): a range entered mid-way is a mismatch. */
  private boolean wholeRanges;

  private long checkpointsChecked;
  private long rangesMatched;
  private long rangesUnchecked;
  private long problems;
  private Status firstStatus = Status.VALID;
  private OptionalLong firstBad = OptionalLong.empty();
  private String firstMessage;
  private final java.util.LinkedHashSet<String> keyIds = new java.util.LinkedHashSet<>();
  private final List<String> keyChanges = new java.util.ArrayList<>();
  private String lastKeyId;

  private CheckpointVerifier(Optional<Set<String>> trustedKeys) {
    this.trustedKeys = trustedKeys;
  }

  /**
   * A verifier that accepts only checkpoints signed by one of {@code trustedKeys}; this is what
   * proves the pipeline made them.
   */
  public static CheckpointVerifier trusting(Collection<PublicKey> trustedKeys) {
    if (trustedKeys.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted public key is needed");
    }
    return new CheckpointVerifier(
        Optional.of(
            trustedKeys.stream()
                .map(SigningKeys::publicKeyBase64)
                .collect(Collectors.toUnmodifiableSet())));
  }

  /**
   * A verifier that trusts the key of the first validly signed checkpoint it reads and only that
   * key afterwards (trust on first use, as SSH does with host keys): every later checkpoint must be
   * signed by it. The verdict's message names the key so that it can be pinned from then on.
   */
  public static CheckpointVerifier trustingFirstKey() {
    CheckpointVerifier verifier = new CheckpointVerifier(Optional.empty());
    verifier.firstUse = true;
    return verifier;
  }

  /**
   * A verifier that checks signatures against the key embedded in each checkpoint: detects changes
   * to a checkpoint but not a forger who re-signs with a key of their own.
   */
  public static CheckpointVerifier trustingEmbeddedKeys() {
    return new CheckpointVerifier(Optional.empty());
  }

  /**
   * Starts after an already verified checkpoint, so that the first checkpoint fed must chain to it.
   */
  public CheckpointVerifier after(Checkpoint verified) {
    if (checkpointsChecked > 0) {
      throw new IllegalStateException("set the previous checkpoint before feeding checkpoints");
    }
    this.previous = Objects.requireNonNull(verified, "verified");
    return this;
  }

  /**
   * Whether the signature of a checkpoint verifies against its embedded public key and the key id
   * matches.
   */
  public static boolean signatureValid(Checkpoint checkpoint) {
    return signatureValid(checkpoint, null);
  }

  /**
   * Like {@link #signatureValid(Checkpoint)}, over {@code canonical}: the checkpoint's canonical
   * bytes under the schema it was written with ({@link Checkpoints#canonicalBytes(byte[], int, int,
   * org.apache.avro.Schema)}); null re-encodes under this library's schema.
   */
  public static boolean signatureValid(Checkpoint checkpoint, byte[] canonical) {
    try {
      PublicKey key = SigningKeys.decodePublicKey(checkpoint.getPublicKey());
      if (!SigningKeys.keyId(key).equals(checkpoint.getSigningKeyId())) {
        return false;
      }
      return SigningKeys.verify(
          key,
          canonical == null ? Checkpoints.canonicalBytes(checkpoint) : canonical,
          Base64.getDecoder().decode(checkpoint.getSignature()));
    } catch (IllegalArgumentException e) {
      return false; // undecodable key or signature: the checkpoint is not validly signed
    }
  }

  /**
   * Matches one checkpoint against the records of its range in one call (the range must start at
   * its first record).
   */
  public static CheckpointVerification verifyRange(
      Checkpoint checkpoint, Iterable<AuditRecord> records) {
    CheckpointVerifier verifier = trustingEmbeddedKeys();
    verifier.acceptCheckpoint(checkpoint);
    records.forEach(verifier::acceptRecord);
    return verifier.recordsReadToEnd().result();
  }

  /** Feeds the next checkpoint (in id order). */
  public void acceptCheckpoint(Checkpoint checkpoint) {
    acceptCheckpoint(checkpoint, null);
  }

  /**
   * Feeds the next checkpoint (in id order) with its canonical bytes under its writer schema (null:
   * under this library's schema).
   */
  public void acceptCheckpoint(Checkpoint checkpoint, byte[] canonical) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    checkpointsChecked++;
    long id = checkpoint.getCheckpointId();
    String keyId = checkpoint.getSigningKeyId();
    keyIds.add(keyId);
    if (lastKeyId != null && !lastKeyId.equals(keyId)) {
      keyChanges.add(
          "checkpoint " + id + " is signed by key " + keyId + ", the one before by " + lastKeyId);
    }
    lastKeyId = keyId;
    boolean signed = signatureValid(checkpoint, canonical);
    if (signed && firstUse && trustedKeys.isEmpty()) {
      trustedKeys = Optional.of(Set.of(checkpoint.getPublicKey()));
      firstUseKeyId = keyId;
    }
    if (!signed) {
      problem(
          Status.BAD_SIGNATURE,
          id,
          "checkpoint "
              + id
              + " of pack '"
              + checkpoint.getPack()
              + "' has a signature that does not verify with its public key "
              + checkpoint.getSigningKeyId()
              + ": it was changed after signing");
    } else if (trustedKeys.isPresent() && !trustedKeys.get().contains(checkpoint.getPublicKey())) {
      problem(
          Status.UNTRUSTED_KEY,
          id,
          "checkpoint "
              + id
              + " of pack '"
              + checkpoint.getPack()
              + "' is signed by key "
              + checkpoint.getSigningKeyId()
              + ", which is not a trusted key");
    }
    if (previous != null) {
      checkChain(previous, checkpoint);
    } else if (id == 0 && checkpoint.getPrevSignature() != null) {
      problem(
          Status.BROKEN_CHAIN,
          id,
          "checkpoint 0 of pack '"
              + checkpoint.getPack()
              + "' names a previous signature although it is the first");
    }
    if (checkpoint.getFirstSequence() > checkpoint.getLastSequence()) {
      // Empty range: nothing to match beyond the chain checks.
      rangesMatched++;
    } else {
      pending.addLast(checkpoint);
    }
    previous = checkpoint;
  }

  /** Feeds the next audit record (in sequence order). */
  public void acceptRecord(AuditRecord record) {
    long sequence = record.getSequence();
    boolean first = !sawRecord;
    sawRecord = true;
    while (!pending.isEmpty() && sequence > pending.peekFirst().getLastSequence()) {
      // Reading continuously and jumping past a whole range means its records are gone.
      finishHead(false, !first || wholeRanges);
    }
    Checkpoint head = pending.peekFirst();
    if (head == null || sequence < head.getFirstSequence()) {
      return; // before the next checkpoint's range (or a repeat of a finished one)
    }
    if (frontier == null) {
      partial = sequence != head.getFirstSequence() && first && !wholeRanges;
      frontier = new MerkleFrontier(Digests.fromWireName(head.getAlgorithm()));
      nextInRange = head.getFirstSequence();
    }
    try {
      frontier.add(record.getHash());
    } catch (IllegalArgumentException e) {
      // A hash that is not hex or has the wrong length cannot be a leaf: the range cannot match.
      nextInRange = Long.MIN_VALUE;
    }
    if (sequence != nextInRange) {
      nextInRange = Long.MIN_VALUE; // out of order or missing: remembered so the mismatch says why
    } else {
      nextInRange++;
    }
    rangeHead = record.getHash();
    if (sequence == head.getLastSequence()) {
      finishHead(true, true);
    }
  }

  /**
   * Requires every checkpoint's range to be read whole, as in an export file that carries its
   * checkpoints: a range whose first records are missing is a mismatch, not merely unchecked.
   */
  public CheckpointVerifier requiringWholeRanges() {
    this.wholeRanges = true;
    return this;
  }

  /**
   * Declares that the records fed reach the end of the chain, so a checkpoint whose range is not
   * complete has lost records instead of merely not having been read.
   */
  public CheckpointVerifier recordsReadToEnd() {
    this.readToEnd = true;
    return this;
  }

  /** The verdict over everything fed so far. */
  public CheckpointVerification result() {
    long unchecked = rangesUnchecked;
    long problemCount = problems;
    Status status = firstStatus;
    OptionalLong bad = firstBad;
    String message = firstMessage;
    for (Checkpoint checkpoint : pending) {
      boolean started = checkpoint == pending.peekFirst() && frontier != null && !partial;
      if (readToEnd && (started || sawRecord)) {
        problemCount++;
        if (status == Status.VALID) {
          status = Status.RANGE_MISMATCH;
          bad = OptionalLong.of(checkpoint.getCheckpointId());
          message =
              "checkpoint "
                  + checkpoint.getCheckpointId()
                  + " of pack '"
                  + checkpoint.getPack()
                  + "' covers records "
                  + checkpoint.getFirstSequence()
                  + ".."
                  + checkpoint.getLastSequence()
                  + " but the audit trail ends before record "
                  + checkpoint.getLastSequence()
                  + ": records were deleted";
        }
      } else {
        unchecked++;
      }
    }
    if (message == null) {
      message =
          checkpointsChecked
              + " checkpoints "
              + (trustedKeys.isPresent() ? "valid" : "unaltered")
              + ", "
              + rangesMatched
              + " ranges matched the audit records"
              + (unchecked > 0 ? ", " + unchecked + " not covered by the records read" : "")
              + (firstUseKeyId != null
                  ? "; key "
                      + firstUseKeyId
                      + " trusted on first use (pin it with --trusted-key from now on)"
                  : "")
              + (trustedKeys.isPresent() || firstUse
                  ? ""
                  : "; signed by key(s) "
                      + String.join(", ", keyIds)
                      + ", not pinned: give the pipeline's public key with --trusted-key to judge"
                      + " who signed them");
    } else if (problemCount > 1) {
      message += " (" + problemCount + " problems in total)";
    }
    return new CheckpointVerification(
        status,
        checkpointsChecked,
        rangesMatched,
        unchecked,
        bad,
        problemCount,
        message,
        List.copyOf(keyIds),
        keyChanges,
        trustedKeys.isPresent());
  }

  private void checkChain(Checkpoint before, Checkpoint checkpoint) {
    long id = checkpoint.getCheckpointId();
    String pack = checkpoint.getPack();
    if (!before.getPack().equals(pack)) {
      problem(
          Status.BROKEN_CHAIN,
          id,
          "checkpoint " + id + " belongs to pack '" + pack + "', not '" + before.getPack() + "'");
    } else if (id != before.getCheckpointId() + 1) {
      problem(
          Status.BROKEN_CHAIN,
          id,
          "checkpoint "
              + id
              + " of pack '"
              + pack
              + "' follows checkpoint "
              + before.getCheckpointId()
              + ": checkpoints are missing or out of order");
    } else if (!before.getSignature().equals(checkpoint.getPrevSignature())) {
      problem(
          Status.BROKEN_CHAIN,
          id,
          "checkpoint "
              + id
              + " of pack '"
              + pack
              + "' does not carry the signature of checkpoint "
              + before.getCheckpointId()
              + " as prev_signature: one of them was replaced");
    } else if (checkpoint.getFirstSequence() != before.getLastSequence() + 1) {
      problem(
          Status.BROKEN_CHAIN,
          id,
          "checkpoint "
              + id
              + " of pack '"
              + pack
              + "' starts at record "
              + checkpoint.getFirstSequence()
              + " but checkpoint "
              + before.getCheckpointId()
              + " ended at "
              + before.getLastSequence());
    } else if (before.getFirstOffset() >= 0
        && checkpoint.getFirstOffset() >= 0
        && (before.getAuditPartition() != checkpoint.getAuditPartition()
            || before.getEndOffset() != checkpoint.getFirstOffset())) {
      problem(
          Status.BROKEN_CHAIN,
          id,
          "checkpoint "
              + id
              + " of pack '"
              + pack
              + "' accounts for offsets from "
              + checkpoint.getAuditPartition()
              + "@"
              + checkpoint.getFirstOffset()
              + " but checkpoint "
              + before.getCheckpointId()
              + " ended at "
              + before.getAuditPartition()
              + "@"
              + before.getEndOffset());
    } else if (checkpoint.getFirstSequence() > checkpoint.getLastSequence()
        && !before.getHeadHash().equals(checkpoint.getHeadHash())) {
      problem(
          Status.BROKEN_CHAIN,
          id,
          "checkpoint "
              + id
              + " of pack '"
              + pack
              + "' covers no records but "
              + "its head hash differs from checkpoint "
              + before.getCheckpointId()
              + "'s");
    }
  }

  /** Completes the oldest pending checkpoint: compares it if its whole range was read. */
  private void finishHead(boolean complete, boolean continuous) {
    Checkpoint checkpoint = pending.removeFirst();
    long id = checkpoint.getCheckpointId();
    if (frontier == null && continuous) {
      problem(
          Status.RANGE_MISMATCH,
          id,
          "checkpoint "
              + id
              + " of pack '"
              + checkpoint.getPack()
              + "' covers records "
              + checkpoint.getFirstSequence()
              + ".."
              + checkpoint.getLastSequence()
              + " but none of them is in the audit trail: they were deleted");
    } else if (frontier == null || partial) {
      rangesUnchecked++;
    } else {
      long expectedSize = checkpoint.getLastSequence() - checkpoint.getFirstSequence() + 1;
      String range =
          " of pack '"
              + checkpoint.getPack()
              + "' (records "
              + checkpoint.getFirstSequence()
              + ".."
              + checkpoint.getLastSequence()
              + ")";
      if (!complete
          || nextInRange != checkpoint.getLastSequence() + 1
          || frontier.size() != expectedSize) {
        problem(
            Status.RANGE_MISMATCH,
            id,
            "checkpoint "
                + id
                + range
                + " does not match the audit records read: records are missing, repeated or out of order");
      } else if (!frontier.root().equals(checkpoint.getMerkleRoot())) {
        problem(
            Status.RANGE_MISMATCH,
            id,
            "checkpoint "
                + id
                + range
                + " has Merkle root "
                + checkpoint.getMerkleRoot()
                + " but the audit records give "
                + frontier.root()
                + ": a record of the range was changed or replaced");
      } else if (!rangeHead.equals(checkpoint.getHeadHash())) {
        problem(
            Status.RANGE_MISMATCH,
            id,
            "checkpoint "
                + id
                + range
                + " has head hash "
                + checkpoint.getHeadHash()
                + " but record "
                + checkpoint.getLastSequence()
                + " has hash "
                + rangeHead);
      } else {
        rangesMatched++;
      }
    }
    frontier = null;
    partial = false;
    rangeHead = null;
  }

  private void problem(Status status, long checkpointId, String message) {
    problems++;
    if (firstStatus == Status.VALID) {
      firstStatus = status;
      firstBad = OptionalLong.of(checkpointId);
      firstMessage = message;
    }
  }
}
