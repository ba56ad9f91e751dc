package dev.palm.audit;

import dev.palm.packs.IntegrityAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Incremental {@link MerkleTree} root: keeps only the roots of the perfect subtrees that make up
 * the leaves added so far (one per 1-bit of the leaf count, so O(log n) memory), which is enough to
 * compute the RFC 6962 root at any time. Serializable to bytes so it can live in a state store
 * between punctuations.
 *
 * <p>Mutable and not thread-safe.
 */
public final class MerkleFrontier {

  private static final byte FORMAT_VERSION = 1;

  private final IntegrityAlgorithm algorithm;

  /**
   * Roots of perfect subtrees, leftmost (largest) first; sizes are the 1-bits of {@link #size},
   * descending.
   */
  private final List<byte[]> roots;

  private long size;

  /** An empty frontier for the algorithm. */
  public MerkleFrontier(IntegrityAlgorithm algorithm) {
    this(algorithm, new ArrayList<>(), 0);
  }

  private MerkleFrontier(IntegrityAlgorithm algorithm, List<byte[]> roots, long size) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    Digests.newDigest(algorithm); // rejects BLAKE3 early
    this.roots = roots;
    this.size = size;
  }

  /** The algorithm of the tree. */
  public IntegrityAlgorithm algorithm() {
    return algorithm;
  }

  /** Number of leaves added. */
  public long size() {
    return size;
  }

  /** Adds the next record hash (hex) as a leaf. */
  public void add(String recordHash) {
    byte[] hash = Digests.fromHex(recordHash);
    if (hash.length != Digests.digestLength(algorithm)) {
      throw new IllegalArgumentException(
          "record hash "
              + recordHash
              + " has "
              + hash.length
              + " bytes but "
              + Digests.wireName(algorithm)
              + " hashes have "
              + Digests.digestLength(algorithm));
    }
    byte[] carry = MerkleTree.leaf(algorithm, hash);
    // Adding a leaf is binary increment: each trailing 1-bit of size merges two equal perfect
    // subtrees.
    for (long s = size; (s & 1) == 1; s >>>= 1) {
      carry = MerkleTree.node(algorithm, roots.remove(roots.size() - 1), carry);
    }
    roots.add(carry);
    size++;
  }

  /** The current root as lowercase hex; the digest of no bytes while empty. */
  public String root() {
    if (roots.isEmpty()) {
      return Digests.toHex(Digests.newDigest(algorithm).digest());
    }
    // RFC 6962 splits at the largest power of two, so the tree is the right fold of the perfect
    // subtrees.
    byte[] acc = roots.get(roots.size() - 1);
    for (int i = roots.size() - 2; i >= 0; i--) {
      acc = MerkleTree.node(algorithm, roots.get(i), acc);
    }
    return Digests.toHex(acc);
  }

  /**
   * Serialized form: version byte, length-prefixed algorithm wire name, leaf count (8 bytes),
   * subtree roots.
   */
  public byte[] toBytes() {
    byte[] name = Digests.wireName(algorithm).getBytes(StandardCharsets.US_ASCII);
    int digestLength = Digests.digestLength(algorithm);
    ByteBuffer buffer = ByteBuffer.allocate(1 + 1 + name.length + 8 + roots.size() * digestLength);
    buffer.put(FORMAT_VERSION).put((byte) name.length).put(name).putLong(size);
    roots.forEach(buffer::put);
    return buffer.array();
  }

  /** Reads the form written by {@link #toBytes()}. */
  public static MerkleFrontier fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte version = buffer.get();
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("unknown Merkle frontier format version " + version);
    }
    byte[] name = new byte[buffer.get()];
    buffer.get(name);
    IntegrityAlgorithm algorithm =
        Digests.fromWireName(new String(name, StandardCharsets.US_ASCII));
    long size = buffer.getLong();
    int digestLength = Digests.digestLength(algorithm);
    int count = Long.bitCount(size);
    if (buffer.remaining() != count * digestLength) {
      throw new IllegalArgumentException(
          "corrupt Merkle frontier: "
              + size
              + " leaves need "
              + count
              + " subtree roots of "
              + digestLength
              + " bytes, found "
              + buffer.remaining()
              + " bytes");
    }
    List<byte[]> roots = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] root = new byte[digestLength];
      buffer.get(root);
      roots.add(root);
    }
    return new MerkleFrontier(algorithm, roots, size);
  }
}
