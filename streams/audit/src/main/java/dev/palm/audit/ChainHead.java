package dev.palm.audit;

import dev.palm.events.AuditRecord;
import dev.palm.packs.IntegrityAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The head of one pack's audit chain: the sequence the next record gets and the hash it must link
 * to.
 *
 * @param nextSequence sequence of the next record to append (0 for an empty chain)
 * @param lastHash lowercase hex hash of the last appended record (the genesis zeros for an empty
 *     chain)
 */
public record ChainHead(long nextSequence, String lastHash) {

  public ChainHead {
    if (nextSequence < 0) {
      throw new IllegalArgumentException("chain head sequence must be >= 0, got " + nextSequence);
    }
    Objects.requireNonNull(lastHash, "lastHash");
    if (lastHash.isEmpty()
        || !lastHash.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new IllegalArgumentException(
          "chain head hash must be lowercase hex, got '" + lastHash + "'");
    }
  }

  /**
   * The head of an empty chain: next sequence 0, last hash all zeros of the algorithm's digest
   * length.
   */
  public static ChainHead genesis(IntegrityAlgorithm algorithm) {
    return new ChainHead(0, Digests.genesisHash(algorithm));
  }

  /**
   * The head right after a stored record, e.g. to resume a chain from the last record of the audit
   * topic.
   */
  public static ChainHead after(AuditRecord last) {
    return new ChainHead(last.getSequence() + 1, last.getHash());
  }

  /**
   * The head after appending {@code appended} to this head.
   *
   * @throws IllegalArgumentException if the record was not appended to this head (wrong sequence or
   *     link)
   */
  public ChainHead next(AuditRecord appended) {
    if (appended.getSequence() != nextSequence) {
      throw new IllegalArgumentException(
          "audit record of pack '"
              + appended.getPack()
              + "' has sequence "
              + appended.getSequence()
              + " but the chain head expects "
              + nextSequence
              + "; append it with AuditChain.append(head, draft)");
    }
    if (!lastHash.equals(appended.getPrevHash())) {
      throw new IllegalArgumentException(
          "audit record "
              + appended.getSequence()
              + " of pack '"
              + appended.getPack()
              + "' links to "
              + appended.getPrevHash()
              + " but the chain head is "
              + lastHash
              + "; append it with AuditChain.append(head, draft)");
    }
    return new ChainHead(nextSequence + 1, appended.getHash());
  }

  /** A compact binary form for stores: 8-byte big-endian next sequence, then the hash in ASCII. */
  public byte[] toBytes() {
    byte[] hash = lastHash.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(8 + hash.length).putLong(nextSequence).put(hash).array();
  }

  /** Reads {@link #toBytes()}'s form. */
  public static ChainHead fromBytes(byte[] bytes) {
    if (bytes.length < 9) {
      throw new IllegalArgumentException("corrupt chain head state: " + bytes.length + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long next = buffer.getLong();
    return new ChainHead(next, new String(bytes, 8, bytes.length - 8, StandardCharsets.US_ASCII));
  }
}
