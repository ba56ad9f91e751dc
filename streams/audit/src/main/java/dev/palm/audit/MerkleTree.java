package dev.palm.audit;

import dev.palm.packs.IntegrityAlgorithm;
import java.security.MessageDigest;
import java.util.List;

/**
 * Merkle tree hash over a range of audit record hashes, as in RFC 6962 §2.1 (Certificate
 * Transparency) with the pack's integrity algorithm {@code H}:
 *
 * <ul>
 *   <li>leaf for record hash {@code h} (the record's {@code hash} field, hex-decoded to bytes):
 *       {@code H(0x00 || h)};
 *   <li>inner node: {@code H(0x01 || left || right)};
 *   <li>for {@code n > 1} leaves, the left subtree holds the first {@code k} leaves where {@code k}
 *       is the largest power of two smaller than {@code n}, the right subtree the rest (so an odd
 *       node is neither duplicated nor hashed alone: it is combined one level higher up);
 *   <li>the root of one leaf is that leaf's hash; the root of the empty range is {@code H()} (the
 *       digest of no bytes).
 * </ul>
 *
 * The root is returned as lowercase hex. {@link MerkleFrontier} computes the same root
 * incrementally.
 */
public final class MerkleTree {

  private MerkleTree() {}

  /** Root over the given record hashes (lowercase or uppercase hex), in sequence order. */
  public static String root(IntegrityAlgorithm algorithm, List<String> recordHashes) {
    if (recordHashes.isEmpty()) {
      return Digests.toHex(Digests.newDigest(algorithm).digest());
    }
    return Digests.toHex(subtree(algorithm, recordHashes, 0, recordHashes.size()));
  }

  /** The leaf hash of one record hash. */
  public static byte[] leaf(IntegrityAlgorithm algorithm, byte[] recordHash) {
    MessageDigest digest = Digests.newDigest(algorithm);
    digest.update((byte) 0x00);
    digest.update(recordHash);
    return digest.digest();
  }

  /** The hash of an inner node. */
  public static byte[] node(IntegrityAlgorithm algorithm, byte[] left, byte[] right) {
    MessageDigest digest = Digests.newDigest(algorithm);
    digest.update((byte) 0x01);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  private static byte[] subtree(
      IntegrityAlgorithm algorithm, List<String> hashes, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaf(algorithm, Digests.fromHex(hashes.get(from)));
    }
    int k = Integer.highestOneBit(n - 1);
    return node(
        algorithm,
        subtree(algorithm, hashes, from, from + k),
        subtree(algorithm, hashes, from + k, to));
  }
}
