package dev.palm.audit;

import dev.palm.audit.VerificationResult.Status;
import dev.palm.events.AuditRecord;
import dev.palm.packs.IntegrityAlgorithm;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Verifies one pack's audit chain incrementally: feed records in the order they were read with
 * {@link #accept(AuditRecord)} (and report undecodable ones with {@link #unreadable(String,
 * String)}), then ask for {@link #result()}. Memory use is constant, so it can check years of audit
 * trail in one pass.
 *
 * <p>Per record, in this order: a pending sequence jump is classified (a later record that goes
 * back into the jumped-over range makes it {@code REORDERED}, anything else makes it a {@code
 * GAP}); the record's pack and algorithm must match the chain's and its content must hash to its
 * {@code hash} ({@code TAMPERED}); its sequence must be the expected one ({@code GAP} if higher,
 * {@code REORDERED} if lower) and its {@code prev_hash} the previous record's {@code hash} ({@code
 * BROKEN_LINK}). The verdict is the first problem in stream order; after a problem the verifier
 * re-anchors on the highest record and keeps counting.
 *
 * <p>Not thread-safe; use one instance per pass.
 */
public final class ChainVerifier implements Consumer<AuditRecord> {

  private Optional<String> expectedPack = Optional.empty();
  private Optional<IntegrityAlgorithm> expectedAlgorithm = Optional.empty();

  private final boolean fromGenesis;

  /**
   * Whether expectedSequence is known (false until the first record when trusting the first
   * record).
   */
  private boolean anchored;

  private long expectedSequence;

  /**
   * Hash the next record must link to; null when unknown (after an unreadable record, or genesis
   * not yet known).
   */
  private String expectedPrevHash;

  private String pack;
  private String algorithm;

  private long recordsChecked;
  private long problems;
  private boolean sawRecord;
  private long firstSequence;
  private long lastSequence = Long.MIN_VALUE;
  private String headHash;

  private Status firstStatus = Status.INTACT;
  private OptionalLong firstBadSequence = OptionalLong.empty();
  private String firstMessage;

  /**
   * Range [start, end] jumped over by the last record; classified when the next record (or the end)
   * comes.
   */
  private boolean gapPending;

  private long gapStart;
  private long gapEnd;

  private ChainVerifier(
      boolean fromGenesis, boolean anchored, long expectedSequence, String expectedPrevHash) {
    this.fromGenesis = fromGenesis;
    this.anchored = anchored;
    this.expectedSequence = expectedSequence;
    this.expectedPrevHash = expectedPrevHash;
  }

  /** Verifies a whole chain: the first record must be sequence 0 linking to the genesis zeros. */
  public static ChainVerifier fromGenesis() {
    return new ChainVerifier(true, true, 0, null);
  }

  /**
   * Verifies a range that continues a known chain position, e.g. the head of a verified checkpoint:
   * the first record must have {@code expectedSequence} and link to {@code previousHash}.
   */
  public static ChainVerifier after(long expectedSequence, String previousHash) {
    if (expectedSequence < 0) {
      throw new IllegalArgumentException("expected sequence must be >= 0, got " + expectedSequence);
    }
    return new ChainVerifier(
        false, true, expectedSequence, Objects.requireNonNull(previousHash, "previousHash"));
  }

  /**
   * Verifies a range starting mid-chain, trusting the first record's sequence and {@code
   * prev_hash}.
   */
  public static ChainVerifier trustingFirst() {
    return new ChainVerifier(false, false, 0, null);
  }

  /** Verifies a whole chain from genesis in one call. */
  public static VerificationResult verify(Iterable<AuditRecord> records) {
    return fromGenesis().acceptAll(records.iterator()).result();
  }

  /** Verifies a range starting mid-chain (trusting its first record) in one call. */
  public static VerificationResult verifyRange(Iterable<AuditRecord> records) {
    return trustingFirst().acceptAll(records.iterator()).result();
  }

  /** Requires every record to belong to {@code pack}; call before the first record. */
  public ChainVerifier expectingPack(String pack) {
    requireNotStarted();
    this.expectedPack = Optional.of(pack);
    return this;
  }

  /**
   * Requires every record to use {@code algorithm} (the pack's configured one); call before the
   * first record.
   */
  public ChainVerifier expectingAlgorithm(IntegrityAlgorithm algorithm) {
    requireNotStarted();
    Digests.newDigest(algorithm); // rejects BLAKE3 with a clear message
    this.expectedAlgorithm = Optional.of(algorithm);
    return this;
  }

  /** Feeds every remaining record of the iterator. */
  public ChainVerifier acceptAll(Iterator<AuditRecord> records) {
    records.forEachRemaining(this);
    return this;
  }

  /** Feeds the next record read, hashed under this library's schema. */
  @Override
  public void accept(AuditRecord record) {
    accept(record, null);
  }

  /**
   * Feeds the next record read together with its canonical bytes under the schema it was written
   * with ({@link AuditChain#canonicalBytes(byte[], int, int, org.apache.avro.Schema)}); {@code
   * canonical} null hashes it under this library's schema.
   */
  public void accept(AuditRecord record, byte[] canonical) {
    Objects.requireNonNull(record, "record");
    recordsChecked++;
    long sequence = record.getSequence();
    boolean problemHere = false;

    if (gapPending) {
      gapPending = false;
      if (anchored && sequence < expectedSequence) {
        // Going back into (or before) the range just jumped over: records were swapped, not lost.
        problem(
            Status.REORDERED,
            Math.min(sequence, gapStart),
            "record "
                + sequence
                + " comes after record "
                + (expectedSequence - 1)
                + ": sequence "
                + Math.min(sequence, gapStart)
                + " is out of order");
        problemHere = true;
      } else {
        reportGap();
      }
    }

    if (!sawRecord) {
      sawRecord = true;
      firstSequence = sequence;
      pack = expectedPack.orElse(record.getPack());
      algorithm = expectedAlgorithm.map(Digests::wireName).orElse(record.getAlgorithm());
      if (fromGenesis) {
        expectedPrevHash = genesisFor(algorithm);
      }
    }

    if (!problemHere) {
      problemHere = checkContent(record, canonical);
    }

    if (!anchored) {
      anchor(record);
      return;
    }
    if (sequence == expectedSequence) {
      if (!problemHere
          && expectedPrevHash != null
          && !expectedPrevHash.equals(record.getPrevHash())) {
        problem(
            Status.BROKEN_LINK,
            sequence,
            "record "
                + sequence
                + " links to prev_hash "
                + abbreviate(record.getPrevHash())
                + " but record "
                + (sequence - 1)
                + " hashes to "
                + abbreviate(expectedPrevHash)
                + ": record "
                + (sequence - 1)
                + " or "
                + sequence
                + " was replaced");
      }
      anchor(record);
    } else if (sequence > expectedSequence) {
      gapPending = true;
      gapStart = expectedSequence;
      gapEnd = sequence - 1;
      anchor(record);
    } else if (!problemHere) {
      problem(
          Status.REORDERED,
          sequence,
          "record "
              + sequence
              + " comes after record "
              + (expectedSequence - 1)
              + ": sequence "
              + sequence
              + " is out of order or duplicated");
    }
  }

  /**
   * Reports a record at {@code position} (e.g. "palm.ibank.audit-0@1234") that could not be
   * decoded. The next readable record is not checked against the previous hash, since the
   * unreadable one sat in between.
   */
  public void unreadable(String position, String reason) {
    recordsChecked++;
    if (gapPending) {
      gapPending = false;
      reportGap();
    }
    OptionalLong expected = anchored ? OptionalLong.of(expectedSequence) : OptionalLong.empty();
    String where =
        anchored
            ? "record " + expectedSequence + " (at " + position + ")"
            : "record at " + position;
    problem(Status.UNREADABLE, expected, where + " cannot be decoded: " + reason);
    if (anchored) {
      expectedSequence++;
      expectedPrevHash = null;
    }
  }

  /** Whether a problem has been found so far. */
  public boolean failed() {
    return firstStatus != Status.INTACT || gapPending;
  }

  /**
   * The verdict over everything fed so far; may be called at any time and does not change the
   * verifier.
   */
  public VerificationResult result() {
    Status status = firstStatus;
    OptionalLong bad = firstBadSequence;
    String message = firstMessage;
    long problemCount = problems;
    if (gapPending) {
      problemCount++;
      if (status == Status.INTACT) {
        status = Status.GAP;
        bad = OptionalLong.of(gapStart);
        message = gapMessage();
      }
    }
    if (message == null) {
      message =
          sawRecord
              ? "pack "
                  + pack
                  + ": "
                  + recordsChecked
                  + " records, sequences "
                  + firstSequence
                  + ".."
                  + lastSequence
                  + " intact, head "
                  + abbreviate(headHash)
              : "no audit records to verify";
    } else {
      message =
          (sawRecord ? "pack " + pack + ": " : "")
              + message
              + (problemCount > 1 ? " (" + problemCount + " problems in total)" : "");
    }
    return new VerificationResult(
        status,
        Optional.ofNullable(pack),
        recordsChecked,
        sawRecord ? OptionalLong.of(firstSequence) : OptionalLong.empty(),
        lastSequence == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(lastSequence),
        Optional.ofNullable(headHash),
        bad,
        problemCount,
        message);
  }

  /** Checks pack, algorithm and self-hash; returns whether a problem was reported. */
  private boolean checkContent(AuditRecord record, byte[] canonical) {
    long sequence = record.getSequence();
    if (!pack.equals(record.getPack())) {
      problem(
          Status.TAMPERED,
          sequence,
          "record " + sequence + " belongs to pack '" + record.getPack() + "', not '" + pack + "'");
      return true;
    }
    if (!algorithm.equals(record.getAlgorithm())) {
      problem(
          Status.TAMPERED,
          sequence,
          "record "
              + sequence
              + " uses algorithm '"
              + record.getAlgorithm()
              + "' but the chain uses '"
              + algorithm
              + "'");
      return true;
    }
    String recomputed;
    try {
      recomputed =
          canonical == null
              ? AuditChain.computeHash(record)
              : Digests.hexDigest(Digests.fromWireName(record.getAlgorithm()), canonical);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      problem(
          Status.TAMPERED, sequence, "record " + sequence + " cannot be hashed: " + e.getMessage());
      return true;
    }
    if (!recomputed.equals(record.getHash())) {
      problem(
          Status.TAMPERED,
          sequence,
          "record "
              + sequence
              + " was modified: its content hashes to "
              + abbreviate(recomputed)
              + " but its hash field says "
              + abbreviate(record.getHash()));
      return true;
    }
    return false;
  }

  private void anchor(AuditRecord record) {
    anchored = true;
    expectedSequence = record.getSequence() + 1;
    expectedPrevHash = record.getHash();
    if (record.getSequence() >= lastSequence) {
      lastSequence = record.getSequence();
      headHash = record.getHash();
    }
  }

  private void reportGap() {
    problem(Status.GAP, gapStart, gapMessage());
  }

  private String gapMessage() {
    return (gapStart == gapEnd
            ? "record " + gapStart + " is missing"
            : "records " + gapStart + ".." + gapEnd + " are missing")
        + " (sequence jumps to "
        + (gapEnd + 1)
        + ")";
  }

  private void problem(Status status, long sequence, String message) {
    problem(status, OptionalLong.of(sequence), message);
  }

  private void problem(Status status, OptionalLong sequence, String message) {
    problems++;
    if (firstStatus == Status.INTACT) {
      firstStatus = status;
      firstBadSequence = sequence;
      firstMessage = message;
    }
  }

  private void requireNotStarted() {
    if (recordsChecked > 0) {
      throw new IllegalStateException("configure the verifier before feeding records");
    }
  }

  private static String genesisFor(String algorithmName) {
    try {
      return Digests.genesisHash(Digests.fromWireName(algorithmName));
    } catch (IllegalArgumentException e) {
      return null; // the record is reported TAMPERED by the content check
    }
  }

  private static String abbreviate(String hash) {
    return hash == null || hash.length() <= 16 ? String.valueOf(hash) : hash.substring(0, 16) + "…";
  }
}
